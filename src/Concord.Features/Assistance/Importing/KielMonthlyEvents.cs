using Concord.Domain.Members;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// One donor's month in Kiel's aggregated data_explorer layout, in EUR bn as the tracker publishes them
/// (gdp in EUR bn, pct_gdp in percent). Null where the file leaves a cell empty.
/// </summary>
public sealed record KielMonthlyFigures(decimal Total, decimal Financial, decimal Humanitarian, decimal Military,
    decimal? Commitments, decimal? ToBeAllocated, decimal? Gdp, decimal? PctGdp);

/// <summary>
/// A donor's monthly aggregate as a Kiel release first reports it. Kept apart from pledges on purpose: the
/// aggregates sum the same items the item-level pledges carry, so counting both would count twice.
/// </summary>
public sealed record KielMonthlyFigureRecorded(MemberCode Donor, int Year, int Month, string Release, KielMonthlyFigures Figures, string Source);

/// <summary>A newer Kiel release revised a donor's monthly aggregate: the new figures supersede the earlier ones.</summary>
public sealed record KielMonthlyFigureRevised(MemberCode Donor, int Year, int Month, string Release, string PreviousRelease,
    KielMonthlyFigures Figures, string Source);
