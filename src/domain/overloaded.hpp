// domain/overloaded.hpp — one visitor made of several lambdas, for std::visit over a variant
// (a report cell, a batch command).
#pragma once

namespace rma::domain {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace rma::domain
