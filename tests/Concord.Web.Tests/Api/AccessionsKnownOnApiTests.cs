using System.Net;

namespace Concord.Web.Tests.Api;

/// <summary>/api/v1/accessions/{candidate}?knownOn=: a view of the past shows only what had been published by then.</summary>
public sealed class AccessionsKnownOnApiTests(ConcordFactory factory) : IClassFixture<ConcordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task finland_as_of_and_known_on_2023_03_28_shows_hungarys_vote_and_no_source_published_later()
    {
        var view = await _client.GetJson("/api/v1/accessions/FIN?asOf=2023-03-28&knownOn=2023-03-28");
        var sources = await _client.SourceDates();

        Assert.Equal("2023-03-28", view.GetProperty("knownOn").GetString());
        var steps = view.GetProperty("steps").EnumerateArray().ToList();
        Assert.Contains(steps, s => Text(s, "party") == "HUN" && Text(s, "stage") == "parliamentaryApproval");
        var cited = steps.Select(s => Text(s, "source")).OfType<string>().SelectMany(s => s.Split(';')).Distinct().ToList();
        Assert.NotEmpty(cited);
        // An id shown is a document published by then, or an id split into documents one of which was.
        Assert.All(cited, id => Assert.True(sources.PublishedBy(id, "2023-03-28"), $"{id} is shown on 2023-03-28"));
    }

    [Fact]
    public async Task the_parties_rows_known_on_a_day_show_no_stage_note_source_or_procedure_note_published_later()
    {
        var view = await _client.GetJson("/api/v1/accessions/FIN?asOf=2023-03-28&knownOn=2023-03-28");
        var now = await _client.GetJson("/api/v1/accessions/FIN?asOf=2023-03-28");
        var sources = await _client.SourceDates();
        static IEnumerable<System.Text.Json.JsonElement> Parties(System.Text.Json.JsonElement v) => v.GetProperty("status").GetProperty("parties").EnumerateArray();
        static string? ProcedureNote(System.Text.Json.JsonElement v, string party) =>
            Text(Parties(v).Single(p => Text(p, "party") == party).GetProperty("procedure"), "note");

        var stages = Parties(view).SelectMany(p => p.GetProperty("stages").EnumerateArray()).ToList();
        var cited = stages.Select(s => Text(s, "source")).OfType<string>().SelectMany(s => s.Split(';')).Distinct().ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, id => Assert.True(sources.PublishedBy(id, "2023-03-28"), $"{id} is shown in a Party's row on 2023-03-28"));
        Assert.DoesNotContain(stages, s => Text(s, "note") is { } note && note.Contains("2023-03-31", StringComparison.Ordinal));
        // Türkiye's procedure is shown by its acts on Sweden's protocol (January 2024); the United States' by Finland's (August 2022).
        Assert.NotNull(ProcedureNote(now, "TUR"));
        Assert.Null(ProcedureNote(view, "TUR"));
        Assert.NotNull(ProcedureNote(view, "USA"));
    }

    private static string? Text(System.Text.Json.JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;

    [Fact]
    public async Task a_malformed_known_on_is_a_400_naming_it()
    {
        using var response = await _client.GetAsync("/api/v1/accessions/FIN?knownOn=2023-02-30", TestContext.Current.CancellationToken);
        await response.AssertProblem(HttpStatusCode.BadRequest, "knownOn");
    }
}
