// The consumer-law periods per country (domain/jurisdiction_rules.hpp), one row each, with the acts
// they come from. The EU directives fix the right of withdrawal at 14 days everywhere (2011/83/EU is
// full harmonisation, art. 4) and set a floor for the legal guarantee (2 years) and a default for the
// presumption (1 year, art. 11(1)) that a member state may lengthen to 2 years (art. 11(2)); a row
// differs from the defaults only where the country chose so. A country with no fixed guarantee
// period (the goods' expected life: FI, NL) counts the directive's 2 years, the least it owes.
#include "domain/jurisdiction_rules.hpp"

#include <array>

namespace rma::domain {

namespace {

// The defaults first, then by country code (a test keeps it so, and every code unique).
constexpr std::array<JurisdictionRules, 32> kRows = {{
    {"", 14, 24, 12, true,
     "Directive 2011/83/EU art. 9(1); Directive (EU) 2019/771 art. 10(1), 11(1); Reg. 1182/71 art. 3(4), "
     "which 2011/83/EU recital 41 applies to its periods"},
    {"AT", 14, 24, 12, true, "FAGG § 11 (withdrawal); VGG (2021) § 10 (2 years), § 11 (1 year)"},
    {"BE", 14, 24, 24, true,
     "Code civil art. 1649quater as amended by the law of 20 March 2022 (2 years; presumption 2 years for new goods, "
     "1 year second-hand)"},
    {"BG", 14, 24, 12, true, "Law on the supply of digital content and services and the sale of goods (2021): the directive's periods"},
    {"CH", 0, 24, 0, true,
     "CO art. 40a-40f: revocation for doorstep sales only, none for distance sales; CO art. 210 (2 years); no statutory "
     "presumption; a period ending on a Saturday, Sunday or public holiday moves (CO art. 78, SR 173.110.3)"},
    {"CY", 14, 24, 12, true, "Sale of goods law (2021): the directive's periods word for word"},
    {"CZ", 14, 24, 12, true, "Občanský zákoník § 1829 (withdrawal), § 2161, § 2165 (2 years; presumption 1 year)"},
    {"DE", 14, 24, 12, true, "BGB § 355 Abs. 2 (withdrawal), § 438 Abs. 1 Nr. 3 (2 years), § 477 Abs. 1 (1 year since 2022)"},
    {"DK", 14, 24, 12, true, "Forbrugeraftaleloven § 18 (withdrawal); købeloven § 83 (2 years), § 77 b (1 year)"},
    {"EE", 14, 24, 12, true, "Võlaõigusseadus § 56 (withdrawal), § 218 (2 years; presumption 1 year)"},
    {"ES", 14, 36, 24, true,
     "TRLGDCU art. 104 (withdrawal), art. 120 (3 years), art. 121 (2 years), as amended by RDL 7/2021"},
    {"FI", 14, 24, 12, true,
     "Kuluttajansuojalaki 6:14 (withdrawal), 5:15a (presumption 1 year); 5:16 sets no fixed period (the goods' "
     "expected life): the directive's 2 years are counted"},
    {"FR", 14, 24, 24, true,
     "Code de la consommation L221-18 (withdrawal), L217-3 (2 years), L217-7 (24 months for new goods, 12 second-hand)"},
    {"GB", 14, 72, 6, false,
     "Consumer Contracts Regulations 2013 reg. 30 (14 days, no roll); Consumer Rights Act 2015 s. 19(14)-(15) (6 months); "
     "Limitation Act 1980 s. 5 (6 years; 5 in Scotland)"},
    {"GR", 14, 24, 12, true, "Transposition of 2019/771 (2022): the directive's periods"},
    {"HR", 14, 24, 12, true, "Zakon o zaštiti potrošača (withdrawal); transposition of 2019/771 (2022): the directive's periods"},
    {"HU", 14, 24, 12, true, "Korm. rendelet 45/2014 (withdrawal); Ptk. 6:163 (2 years); Korm. rendelet 373/2021 (1 year)"},
    {"IE", 14, 72, 12, true,
     "Consumer Rights Act 2022 (withdrawal 14 days, presumption 1 year); Statute of Limitations 1957 s. 11 (6 years)"},
    {"IT", 14, 24, 12, true, "Codice del consumo art. 52 (withdrawal), art. 133 (2 years), art. 135 (1 year), D.Lgs. 170/2021"},
    {"LT", 14, 24, 12, true, "Civil Code (2022 amendments): the directive's periods"},
    {"LU", 14, 24, 12, true, "Code de la consommation (2021 law): the directive's periods word for word"},
    {"LV", 14, 24, 12, true, "Patērētāju tiesību aizsardzības likums (2022): the directive's periods"},
    {"MT", 14, 24, 12, true, "Consumer Affairs Act (Cap. 378): the directive's periods"},
    {"NL", 14, 24, 12, true,
     "BW 7:46d (withdrawal), 7:18 lid 2 (presumption 1 year); 7:23 sets no fixed period (the goods' expected life): the "
     "directive's 2 years are counted"},
    {"NO", 14, 24, 6, false,
     "Angrerettloven § 21 (14 days); forbrukerkjøpsloven § 27 (2 years, 5 for goods meant to last much longer), "
     "§ 18 (6 months); not bound by Reg. 1182/71: no roll"},
    {"PL", 14, 24, 24, true, "Ustawa o prawach konsumenta art. 27 (withdrawal), ch. 5a (2 years; presumption 2 years)"},
    {"PT", 14, 36, 24, true, "DL 24/2014 art. 10 (withdrawal); DL 84/2021 art. 12 (3 years), art. 13 (2 years)"},
    {"RO", 14, 24, 12, true, "OUG 34/2014 art. 9 (withdrawal); OUG 140/2021 (2 years; presumption 1 year)"},
    {"SE", 14, 36, 24, true, "Distansavtalslagen 2 kap. 12 § (withdrawal); konsumentköplagen (2022:260) 5 kap. (3 years; presumption 2 years)"},
    {"SI", 14, 24, 12, true, "ZVPot-1 (2022): the directive's periods"},
    {"SK", 14, 24, 12, true, "Transposition of 2011/83 and 2019/771: the directives' periods"},
    {"US", 0, 0, 0, false,
     "No federal right of withdrawal for distance sales (16 CFR 429 gives 3 business days for door-to-door sales only); "
     "implied warranties (UCC § 2-314, 4-year limitation § 2-725) have no fixed period to count"},
}};

}  // namespace

const JurisdictionRules* find_jurisdiction_rules(std::string_view country) noexcept {
  if (country.empty()) return nullptr;
  for (std::size_t i = 1; i < kRows.size(); ++i)
    if (country == kRows[i].country) return &kRows[i];
  return nullptr;
}

const JurisdictionRules& jurisdiction_rules(std::string_view country) noexcept {
  const JurisdictionRules* row = find_jurisdiction_rules(country);
  return row ? *row : kRows[0];
}

JurisdictionTable jurisdiction_table() noexcept { return {kRows.data(), kRows.size()}; }

}  // namespace rma::domain
