using System.Net;
using Concord.Domain.Assistance;
using Concord.Domain.Decisions;
using Concord.Domain.Members;
using Concord.Domain.Rules;
using Concord.Features.EventLog;
using Concord.Features.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Concord.Web.Tests.Api;

/// <summary>
/// Values that older code let into the log (before the input policy) are written straight into the store, as such code
/// did; every read path must still answer, degrading the one item in words rather than failing the page or endpoint.
/// </summary>
public abstract class StoredExtremes(ConcordFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const decimal DecimalMax = 79228162514264337593543950335m;

    private async Task Store(string streamId, params PendingEvent[] events)
    {
        factory.Require();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDbContext>();
        await new EventStore(db).Commit([new StreamWrite(streamId, 0, events)], new Recording(factory.Clock.GetCurrentInstant(), "older-code"), Ct);
    }

    [Fact]
    public async Task a_pledge_stored_at_decimal_s_largest_value_leaves_the_backlog_delays_and_assistance_pages_readable()
    {
        var announced = new PledgeAnnounced(new PledgeId("DEU-huge-2023-01"), MemberCode.Parse("DEU"), MemberCode.Parse("UKR"), new LocalDate(2023, 1, 10),
            AssistanceCategory.AirDefence, [new ItemLine("huge", DecimalMax, "systems")], new Money(DecimalMax, "EUR", new LocalDate(2023, 1, 10), ValuationMethod.Stated),
            null, "older code", FigureBasis.Reported, null);
        await Store("pledge-DEU-huge-2023-01", new PendingEvent(announced, Pledge.EffectiveOf(announced)));
        var second = announced with { Id = new PledgeId("DEU-huge-2023-02") };
        await Store("pledge-DEU-huge-2023-02", new PendingEvent(second, Pledge.EffectiveOf(second)));

        var anonymous = factory.CreateClient();
        var backlog = await anonymous.GetJson("/api/v1/assistance/backlog");
        Assert.Contains(backlog.GetProperty("total").GetProperty("notCounted").EnumerateArray(), n => n.GetString()!.Contains("DEU-huge-2023-01", StringComparison.Ordinal));
        foreach (var url in new[] { "/api/v1/assistance/delays", "/api/v1/assistance/delays?by=month", "/api/v1/assistance/pledges", "/api/v1/assistance/export?format=csv",
                     "/assistance", "/assistance/delays" })
        {
            using var response = await anonymous.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task a_silence_deadline_stored_at_the_end_of_9999_leaves_the_decision_the_list_and_the_dashboard_readable()
    {
        var id = DecisionId.TryParse("stored-at-the-end-of-time")!.Value;
        var opened = factory.Clock.GetCurrentInstant() - Duration.FromDays(1);
        await Store(StreamIds.Decision(id),
            new PendingEvent(new DecisionOpened(id, "Stored at the end of time", "NATO", RuleKind.NatoConsensus, null, null), opened, Concord.Domain.Classification.Public),
            new PendingEvent(new DraftPutUnderSilence(Instant.MaxValue), opened, Concord.Domain.Classification.Public));

        var anonymous = factory.CreateClient();
        foreach (var url in new[] { $"/api/v1/decisions/{id}", "/api/v1/decisions", $"/decisions/{id}", "/decisions", "/", $"/api/v1/decisions/{id}/positions" })
        {
            using var response = await anonymous.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    [Fact]
    public async Task an_accession_stored_with_a_step_dated_at_the_end_of_the_calendar_leaves_its_page_and_the_list_readable()
    {
        var candidate = MemberCode.Parse("SRB");
        var when = Concord.Domain.DateWindow.On(LocalDate.MaxIsoValue);
        await Store(StreamIds.Accession(candidate),
            new PendingEvent(new Concord.Domain.Accession.AccessionOpened(candidate, "Serbia"), factory.Clock.GetCurrentInstant(), Concord.Domain.Classification.Public),
            new PendingEvent(new Concord.Domain.Accession.MembershipApplied(when, null, "javascript:alert(1)", null, null), Concord.Domain.Zones.StartOf(when.Placed), Concord.Domain.Classification.Public),
            new PendingEvent(new Concord.Domain.Accession.ProtocolSigned(when, null, null, null), Concord.Domain.Zones.StartOf(when.Placed), Concord.Domain.Classification.Public));

        var anonymous = factory.CreateClient();
        foreach (var url in new[] { "/api/v1/accessions/SRB", "/api/v1/accessions", "/accessions/SRB", "/accessions", "/" })
        {
            using var response = await anonymous.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    [Fact]
    public async Task withdrawing_a_decision_stored_with_a_deadline_at_the_end_of_9999_answers_what_was_recorded()
    {
        var id = DecisionId.TryParse("stored-at-the-end-of-time-withdrawn")!.Value;
        var opened = factory.Clock.GetCurrentInstant() - Duration.FromDays(1);
        await Store(StreamIds.Decision(id),
            new PendingEvent(new DecisionOpened(id, "Stored at the end of time", "NATO", RuleKind.NatoConsensus, null, null), opened, Concord.Domain.Classification.Public),
            new PendingEvent(new DraftPutUnderSilence(Instant.MaxValue), opened, Concord.Domain.Classification.Public));

        using var withdrawn = await factory.Secretariat.PostJson($"/api/v1/decisions/{id}/withdrawal", new { reason = "Entered by mistake" });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("withdrawn", (await withdrawn.Json()).GetProperty("status").GetString());
    }
}

public sealed class StoredExtremesTests(ConcordFactory factory) : StoredExtremes(factory), IClassFixture<ConcordFactory>;

/// <summary>The same values on PostgreSQL, whose column types hold other ranges than SQLite's text and integers.</summary>
public sealed class StoredExtremesPostgresTests(PostgresConcordFactory factory) : StoredExtremes(factory), IClassFixture<PostgresConcordFactory>;
