using Concord.Domain.Members;
using NodaTime;

namespace Concord.Domain.Tests.Rules;

/// <summary>Seat layouts for rule tests: NATO's 32 Allies, a synthetic 27-member EU Council and a 15-seat UNSC.</summary>
internal static class Seats
{
    /// <summary>The evaluation date of every layout: all 32 Allies sit in the Council.</summary>
    public static readonly LocalDate Today = new(2025, 1, 1);

    private static readonly LocalDate Founding = new(1949, 8, 24);

    public static readonly string[] NatoCodes =
    [
        "ALB", "BEL", "BGR", "CAN", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GBR", "GRC", "HRV", "HUN", "ISL",
        "ITA", "LTU", "LUX", "LVA", "MKD", "MNE", "NLD", "NOR", "POL", "PRT", "ROU", "SVK", "SVN", "SWE", "TUR", "USA",
    ];

    public static readonly string[] EuCodes =
    [
        "AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV", "HUN", "IRL", "ITA",
        "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "SWE",
    ];

    /// <summary>Synthetic EU weights: five large members and 22 small ones of 7 each; 450 in all.</summary>
    private static readonly Dictionary<string, long> EuLarge = new()
    {
        ["DEU"] = 84, ["FRA"] = 68, ["ITA"] = 59, ["ESP"] = 48, ["POL"] = 37,
    };

    public const long EuSmallPopulation = 7;
    public const long EuPopulation = 450;

    public static readonly string[] PermanentCodes = ["CHN", "FRA", "GBR", "RUS", "USA"];
    public static readonly string[] ElectedCodes =
        ["ALB", "ARE", "BRA", "CHE", "ECU", "GAB", "GHA", "JPN", "MLT", "MOZ"];

    /// <summary>The North Atlantic Council with each Ally's seat; Finland and Sweden from their accession dates.</summary>
    public static Body NatoBody { get; } =
        new(Body.Nato, "North Atlantic Council", NatoCodes.Select(NatoSeat).ToList());

    /// <summary>The 32 Allies' seats on <see cref="Today"/>.</summary>
    public static IReadOnlyList<Seat> Nato { get; } = NatoBody.EligibleOn(Today);

    /// <summary>27 EU members with the synthetic weights (DEU 84, FRA 68, ITA 59, ESP 48, POL 37, others 7).</summary>
    public static IReadOnlyList<Seat> Eu { get; } = EuWith(c => EuLarge.GetValueOrDefault(c, EuSmallPopulation));

    /// <summary>The 22 small EU members (7 each), in code order.</summary>
    public static IReadOnlyList<string> EuSmall { get; } = EuCodes.Where(c => !EuLarge.ContainsKey(c)).ToList();

    /// <summary>15 Security Council seats: the five permanent members and ten elected ones.</summary>
    public static IReadOnlyList<Seat> UnSecurityCouncil { get; } =
        PermanentCodes.Select(c => Seat(c, permanent: true))
            .Concat(ElectedCodes.Select(c => Seat(c)))
            .OrderBy(s => s.Member.Value, StringComparer.Ordinal)
            .ToList();

    /// <summary>27 EU members with the populations <paramref name="population"/> gives each code.</summary>
    public static IReadOnlyList<Seat> EuWith(Func<string, long> population) =>
        EuCodes.Select(c => Seat(c, population(c))).ToList();

    /// <summary>27 EU members in two blocs: the first <paramref name="first"/> codes, and the rest.</summary>
    public static IReadOnlyList<Seat> EuBlocs(int first, long firstPopulation, long restPopulation) =>
        EuWith(c => Array.IndexOf(EuCodes, c) < first ? firstPopulation : restPopulation);

    public static MemberCode Code(string code) => MemberCode.Parse(code);

    public static Seat Seat(string code, long population = 0, bool permanent = false) =>
        new(Code(code), code, Founding, Population: population, Permanent: permanent);

    private static Seat NatoSeat(string code) => code switch
    {
        "FIN" => new Seat(Code(code), code, new LocalDate(2023, 4, 4)),
        "SWE" => new Seat(Code(code), code, new LocalDate(2024, 3, 7)),
        _ => Seat(code),
    };
}
