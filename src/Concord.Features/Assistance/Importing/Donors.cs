using Concord.Domain.Members;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// Donor names as the Kiel Ukraine Support Tracker spells them, and the ISO 3166-1 alpha-2 prefixes of IATI
/// organisation identifiers, mapped to ISO 3166-1 alpha-3 codes. The European Union is not a state: it is kept
/// under <see cref="EuropeanUnion"/> ("EUU", the code the UN and the World Bank use for the EU as an aggregate),
/// so the largest single donor in Kiel's data is not lost; every other unknown name is refused.
/// </summary>
public static class Donors
{
    /// <summary>The code the EU institutions ("EU (Commission and Council)") are recorded under.</summary>
    public static readonly MemberCode EuropeanUnion = MemberCode.Parse("EUU");

    /// <summary>
    /// Who may be a donor: a recognised state (ISO 3166-1 alpha-3), or the EU institutions under
    /// <see cref="EuropeanUnion"/>. The API, the importers and the ledger all ask this one question.
    /// </summary>
    public static bool IsRecognised(MemberCode donor) => donor == EuropeanUnion || Accounts.Nationalities.IsKnown(donor);

    /// <summary>Ukraine, the recipient of everything the Kiel tracker counts.</summary>
    public static readonly MemberCode Ukraine = MemberCode.Parse("UKR");

    private static readonly (string Code, string Alpha2, string[] Names)[] Table =
    [
        ("AUS", "AU", ["Australia"]), ("AUT", "AT", ["Austria"]), ("BEL", "BE", ["Belgium"]), ("BGR", "BG", ["Bulgaria"]),
        ("CAN", "CA", ["Canada"]), ("CHN", "CN", ["China"]), ("HRV", "HR", ["Croatia"]), ("CYP", "CY", ["Cyprus"]),
        ("CZE", "CZ", ["Czech Republic", "Czechia"]), ("DNK", "DK", ["Denmark"]), ("EST", "EE", ["Estonia"]),
        ("FIN", "FI", ["Finland"]), ("FRA", "FR", ["France"]), ("DEU", "DE", ["Germany"]), ("GRC", "GR", ["Greece"]),
        ("HUN", "HU", ["Hungary"]), ("ISL", "IS", ["Iceland"]), ("IND", "IN", ["India"]), ("IRL", "IE", ["Ireland"]),
        ("ITA", "IT", ["Italy"]), ("JPN", "JP", ["Japan"]), ("LVA", "LV", ["Latvia"]), ("LTU", "LT", ["Lithuania"]),
        ("LUX", "LU", ["Luxembourg"]), ("MLT", "MT", ["Malta"]), ("NLD", "NL", ["Netherlands", "The Netherlands"]),
        ("NZL", "NZ", ["New Zealand"]), ("NOR", "NO", ["Norway"]), ("POL", "PL", ["Poland"]), ("PRT", "PT", ["Portugal"]),
        ("ROU", "RO", ["Romania"]), ("SVK", "SK", ["Slovakia"]), ("SVN", "SI", ["Slovenia"]),
        ("KOR", "KR", ["South Korea", "Korea", "Republic of Korea"]), ("ESP", "ES", ["Spain"]), ("SWE", "SE", ["Sweden"]),
        ("CHE", "CH", ["Switzerland"]), ("TWN", "TW", ["Taiwan"]), ("TUR", "TR", ["Turkey", "Türkiye", "Turkiye"]),
        ("GBR", "GB", ["United Kingdom", "UK"]), ("USA", "US", ["United States", "United States of America", "USA", "US"]),
        ("ALB", "AL", ["Albania"]), ("MKD", "MK", ["North Macedonia"]), ("MNE", "ME", ["Montenegro"]),
        ("UKR", "UA", ["Ukraine"]),
    ];

    private static readonly Dictionary<string, MemberCode> ByName = BuildByName();
    private static readonly Dictionary<string, MemberCode> ByAlpha2 =
        Table.ToDictionary(t => t.Alpha2, t => MemberCode.Parse(t.Code), StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, MemberCode> BuildByName()
    {
        var map = new Dictionary<string, MemberCode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, _, names) in Table)
            foreach (var name in names) map[name] = MemberCode.Parse(code);
        foreach (var eu in new[] { "EU (Commission and Council)", "EU Institutions", "European Union" }) map[eu] = EuropeanUnion;
        return map;
    }

    /// <summary>The code of a donor named as in Kiel's files; an alpha-3 code of the table is accepted as well.</summary>
    public static MemberCode? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var t = name.Trim();
        if (ByName.TryGetValue(t, out var code)) return code;
        return MemberCode.TryParse(t) is { } c && (c == EuropeanUnion || Table.Any(r => r.Code == c.Value)) ? c : null;
    }

    /// <summary>The alpha-3 code of an ISO 3166-1 alpha-2 code of the table (IATI organisation prefixes, recipient countries).</summary>
    public static MemberCode? FromAlpha2(string? alpha2) =>
        alpha2 is not null && ByAlpha2.TryGetValue(alpha2.Trim(), out var code) ? code : null;
}
