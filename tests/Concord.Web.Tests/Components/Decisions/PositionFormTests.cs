using System.Security.Claims;
using Bunit;
using Concord.Domain;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.Access;
using Concord.Web.Components.Decisions;
using Concord.Web.Components.Shared;
using Concord.Web.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Concord.Web.Tests.Components.Decisions;

public sealed class PositionFormTests : BunitContext
{
    private static readonly Reader FrenchDelegation =
        new("fra-delegate", new HashSet<Role> { Role.Delegation }, MemberCode.Parse("FRA"), Marking.Public);

    public PositionFormTests()
    {
        Services.AddMudServices();
        Services.AddSingleton<ConcordStore>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public static TheoryData<RuleKind> EveryRule() => [.. Enum.GetValues<RuleKind>()];

    [Theory]
    [MemberData(nameof(EveryRule))]
    public void the_form_offers_exactly_the_positions_the_decisions_rule_allows(RuleKind rule)
    {
        var offered = OfferedPositions(rule);

        var allowed = DecisionRules.For(rule).AllowedPositions;
        Assert.Equal(allowed.Order(), offered.Order());
        Assert.Equal(offered.Count, offered.Distinct().Count());
    }

    /// <summary>Renders the form for a delegation, opens the position list and reads back the kinds it shows.</summary>
    private List<PositionKind> OfferedPositions(RuleKind rule)
    {
        // The list lives in a popover, which only the provider renders, and only once the select is open.
        var popovers = Render<MudPopoverProvider>();
        var form = Render<PositionForm>(p => p
            .Add(f => f.DecisionId, "invite-ukraine")
            .Add(f => f.Rule, rule)
            .Add(f => f.Members, new Dictionary<string, string> { ["FRA"] = "France" })
            .AddCascadingValue(Task.FromResult(new AuthenticationState(Principal(FrenchDelegation)))));
        var select = form.FindComponents<MudSelect<PositionKind?>>().Single();
        form.InvokeAsync(select.Instance.OpenMenu);

        var byWord = Enum.GetValues<PositionKind>().ToDictionary(k => PositionWords.For(k).Word);
        return popovers.WaitForElements(".mud-popover-open .mud-list-item")
            .Select(item => byWord[item.TextContent.Trim()])
            .ToList();
    }

    private static ClaimsPrincipal Principal(Reader reader) => new(new ClaimsIdentity(reader.ToClaims(), "test"));
}
