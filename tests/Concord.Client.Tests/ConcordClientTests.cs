using Concord.Client.Generated;
using Concord.Client.Generated.Models;
using Concord.Features.Access;
using Concord.Web.Tests;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Concord.Client.Tests;

/// <summary>The generated client against the real API (an in-process host over a seeded store): as a visitor, and with an access token.</summary>
public sealed class ConcordClientTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private const string UkraineInvitation = "invite-ukraine-washington-2024";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_visitor_lists_the_decisions_through_the_client()
    {
        var decisions = await Visitor().Api.V1.Decisions.GetAsync(cancellationToken: Ct);

        Assert.NotNull(decisions);
        Assert.Contains(decisions, d => d.Id == UkraineInvitation);
    }

    [Fact]
    public async Task a_visitor_reads_one_decision_through_the_client_and_an_unknown_one_is_a_problem_with_its_status()
    {
        var decision = await Visitor().Api.V1.Decisions[UkraineInvitation].GetAsync(cancellationToken: Ct);
        var unknown = await Assert.ThrowsAsync<ProblemDetails>(() => Visitor().Api.V1.Decisions["no-such-decision"].GetAsync(cancellationToken: Ct));

        Assert.NotNull(decision);
        Assert.Equal(UkraineInvitation, decision.Id);
        Assert.Equal(Outcome.Lapsed, decision.Outcome);
        Assert.Equal("S34", decision.ConclusionSource);
        Assert.Contains(decision.Positions!, p => p.Member == "DEU" && p.Confidence == Confidence.Reported);
        Assert.Equal(404, unknown.ResponseStatusCode);
        Assert.Equal(404, unknown.Status);
        Assert.Contains("no-such-decision", unknown.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_delegation_records_its_position_through_the_client_with_its_access_token()
    {
        var opened = await As(Role.Secretariat).Api.V1.Decisions.PostAsync(
            new OpenDecisionRequest { Id = "client-" + Guid.NewGuid().ToString("N")[..12], Subject = "Recorded through the generated client" }, cancellationToken: Ct);

        var turkey = As(Role.Delegation, "TUR");
        var recorded = await turkey.Api.V1.Decisions[opened!.Id].Positions.PostAsync(
            new RecordPositionRequest { Member = "TUR", Kind = "reservation", Condition = "Until the text is agreed", Source = "Client test" },
            cancellationToken: Ct);
        var history = await turkey.Api.V1.Decisions[opened.Id].Positions.GetAsync(cancellationToken: Ct);

        Assert.NotNull(recorded);
        Assert.Equal(Outcome.Blocked, recorded.Outcome);
        Assert.Equal(["TUR"], recorded.Blocking);
        Assert.Equal(PositionKind.Reservation, Assert.Single(recorded.Positions!, p => p.Member == "TUR").Kind);
        Assert.NotNull(history);
        Assert.Equal("Until the text is agreed", Assert.Single(history, c => c.Member == "TUR").Condition);
    }

    [Fact]
    public async Task a_write_without_a_token_is_refused_through_the_client_with_401()
    {
        var refused = await Assert.ThrowsAsync<ProblemDetails>(() => Visitor().Api.V1.Decisions.PostAsync(
            new OpenDecisionRequest { Subject = "Nobody signed in" }, cancellationToken: Ct));

        Assert.Equal(401, refused.ResponseStatusCode);
    }

    private ConcordClient Visitor() => Client(new AnonymousAuthenticationProvider());

    /// <summary>A client that sends the account's personal access token as integrators do: through Kiota's bearer provider.</summary>
    private ConcordClient As(Role role, string? nationality = null) =>
        Client(new BaseBearerTokenAuthenticationProvider(new Token(factory.ClientAs(role, nationality).DefaultRequestHeaders.Authorization!.Parameter!)));

    private ConcordClient Client(IAuthenticationProvider authentication) =>
        new(new HttpClientRequestAdapter(authentication, httpClient: factory.CreateClient()) { BaseUrl = "http://localhost" });

    private sealed class Token(string value) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new(["localhost"]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? value : "");
    }
}
