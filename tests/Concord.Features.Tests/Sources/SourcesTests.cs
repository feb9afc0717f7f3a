using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using Concord.Features.Importing;
using Concord.Features.Sources;
using Microsoft.EntityFrameworkCore;

namespace Concord.Features.Tests.Sources;

/// <summary>Sources are records: registered once, resolved where cited, and never cited unregistered.</summary>
public sealed class SourcesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SourceRequest Report(string id = "T1", string title = "Parliament votes") =>
        new(id, null, "press", "Example Daily", title, "2023-03-27", "https://example.org/a", "en", null);

    private static async Task<Result<(SourceView Source, bool Created)>> Register(TestStore store, SourceRequest request)
    {
        await using var db = store.NewContext();
        return await RegisterSource.Handle(db, store.Clock, request, new WriteContext("test"), Ct);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_source_is_registered_once_and_the_same_record_again_stores_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        var first = await Register(store, Report());
        var events = await store.EventCount();
        var again = await Register(store, Report());

        Assert.True(first.Value.Created);
        Assert.False(again.Value.Created);
        Assert.Equal(events, await store.EventCount());
        Assert.Equal("Example Daily, Parliament votes, 2023-03-27", again.Value.Source.Line);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task another_record_under_a_registered_id_is_refused_and_the_first_stands(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await Register(store, Report());
        var events = await store.EventCount();

        var other = await Register(store, Report(title: "Parliament postpones the vote"));

        Assert.Equal(RefusalKind.Conflict, other.Refusal?.Kind);
        Assert.Equal(events, await store.EventCount());
        await using var db = store.NewContext();
        Assert.Equal("Parliament votes", (await db.Sources.SingleAsync(Ct)).Title);
    }

    [Theory]
    [InlineData("id", "has space")]
    [InlineData("id", "Reuters")]
    [InlineData("kind", "rumour")]
    [InlineData("publisher", "")]
    [InlineData("title", "")]
    [InlineData("published", "2023-13-01")]
    [InlineData("published", "27 March 2023")]
    [InlineData("published", "9999-01-01")]
    [InlineData("url", "javascript:alert(1)")]
    [InlineData("url", "example.org/a")]
    [InlineData("language", "english")]
    [InlineData("archivedUrl", "ftp://example.org/a")]
    [InlineData("aliasOf", "T1")]
    public void a_bad_field_of_a_source_is_refused_naming_it(string field, string value)
    {
        var r = Report();
        var request = field switch
        {
            "id" => r with { Id = value },
            "kind" => r with { Kind = value },
            "publisher" => r with { Publisher = value },
            "title" => r with { Title = value },
            "published" => r with { Published = value },
            "url" => r with { Url = value },
            "language" => r with { Language = value },
            "archivedUrl" => r with { ArchivedUrl = value },
            _ => r with { AliasOf = value },
        };

        Assert.Equal(field, RegisterSources.Build(request).Refusal?.Field);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_sources_file_with_a_misspelt_column_is_refused_with_a_suggestion_and_registers_nothing(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        var events = await store.EventCount();
        await using var db = store.NewContext();
        var report = await ImportSources.Handle(db, store.Clock, new StringReader(
            "source_id,kind,publisher,title,publshed,url\nT1,press,Example Daily,Parliament votes,2023-03-27,https://example.org/a\n"), new WriteContext("test"), Ct);

        var error = Assert.Single(report.Errors);
        Assert.Equal((1, "publshed"), (error.Line, error.Column));
        Assert.Contains("did you mean 'published'?", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(events, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task every_bad_row_of_a_sources_file_is_reported_with_its_line_and_column(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);
        await using var db = store.NewContext();
        var report = await ImportSources.Handle(db, store.Clock, new StringReader(
            "source_id,kind,publisher,title,published\nT1,press,Example Daily,Votes,2023-03-27\nT2,rumour,Example Daily,Votes,\nT1,press,Example Daily,Votes,2023-03-27\nT3,press,Example Daily,Votes,March\n"),
            new WriteContext("test"), Ct);

        Assert.Equal([(3, "kind"), (4, "source_id"), (5, "published")], report.Errors.Select(e => (e.Line, e.Column)));
        Assert.Equal(0, await db.Sources.CountAsync(Ct));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_step_citing_an_unregistered_id_is_refused_naming_source_and_line_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        var events = await store.EventCount();
        await using var db = store.NewContext();
        var report = await ImportAccession.Handle(db, store.Clock, new StringReader(
            "candidate,candidate_name,step,date,source\nBIH,Bosnia and Herzegovina,application,2024-01-10,S33-1\nBIH,Bosnia and Herzegovina,invitation,2024-02-10,S3333\n"),
            json: false, new WriteContext("test"), Ct);

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "source"), (error.Line, error.Column));
        Assert.Contains("S3333", error.Message, StringComparison.Ordinal);
        Assert.Equal(events, await store.EventCount());
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_free_text_citation_is_kept_as_an_unregistered_source(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        var report = await ImportAccession.Handle(db, store.Clock, new StringReader(
            "candidate,candidate_name,step,date,source\nBIH,Bosnia and Herzegovina,application,2024-01-10,Reuters 10 January 2024\n"),
            json: false, new WriteContext("test"), Ct);

        Assert.Empty(report.Errors);
        var cited = Assert.Single((await SourceBook.Load(db, Ct)).Resolve("Reuters 10 January 2024"));
        Assert.False(cited.IsId);
        Assert.False(cited.Registered);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task s33_resolves_to_its_three_documents_and_to_the_ukraine_steps_that_cite_it(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();

        var detail = (await GetSource.Handle(db, "S33", Access.Reader.Anonymous, Ct)).Value!;

        Assert.Equal(["S33-1", "S33-2", "S33-3"], detail.Documents.Select(d => d.Id));
        var first = detail.Documents[0];
        Assert.Equal(("Ukraine Today (Ukrinform)", "2023-07-11"), (first.Publisher, first.Published));
        Assert.StartsWith("https://ukrainetoday.org/2023/07/11/", first.Url, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(first.Title));
        Assert.Contains(detail.CitedBy, c => c.Area == "accession" && c.Href == "/accessions/UKR");
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task every_fact_the_shipped_data_records_cites_registered_source_ids_and_no_citation_written_as_text(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();
        var book = await SourceBook.Load(db, Ct);
        var payloads = await db.Events.AsNoTracking().Where(e => e.Name != "SourceRegistered").Select(e => new { e.Name, e.Payload }).ToListAsync(Ct);

        // Every event of every area, not the read models of a few: a new area's citations are held to the rule too.
        var cited = payloads.SelectMany(p => Cited(System.Text.Json.JsonDocument.Parse(p.Payload).RootElement).Select(c => (p.Name, Text: c))).ToList();

        Assert.True(cited.Count > 400, $"only {cited.Count} citations found: the walk missed the pack's source fields");
        Assert.All(cited, c => Assert.All(book.Resolve(c.Text), part =>
        {
            Assert.True(part.IsId, $"{c.Name} cites '{part.Text}' as free text; shipped data cites ids");
            Assert.True(part.Registered, $"{c.Name} cites '{part.Text}', which is not registered");
        }));
    }

    /// <summary>Every text of a field whose name ends in "source" or "sources" (source, equipmentSource, a member's sources), at any depth.</summary>
    private static IEnumerable<string> Cited(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => e.EnumerateObject().SelectMany(p =>
            (p.Name.EndsWith("source", StringComparison.OrdinalIgnoreCase) || p.Name.EndsWith("sources", StringComparison.OrdinalIgnoreCase))
            && p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? [p.Value.GetString()!] : Cited(p.Value)),
        System.Text.Json.JsonValueKind.Array => e.EnumerateArray().SelectMany(Cited),
        _ => [],
    };

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_source_s_page_lists_the_readiness_figures_funding_events_members_and_conclusions_that_cite_it(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await using var db = store.NewContext();

        var release = (await GetSource.Handle(db, "nato-2024-06-17-def-exp", Access.Reader.Anonymous, Ct)).Value!;
        var icds = (await GetSource.Handle(db, "icds-2024-07-03-defence-spending", Access.Reader.Anonymous, Ct)).Value!;
        var vote = (await GetSource.Handle(db, "us-supp-2023-12-06-business-recorder", Access.Reader.Anonymous, Ct)).Value!;
        var declaration = (await GetSource.Handle(db, "S34", Access.Reader.Anonymous, Ct)).Value!;

        Assert.Equal(32, release.CitedBy.Count(c => c.Area == "readiness" && c.What == "2024 defence expenditure (estimate)"));
        Assert.Contains(icds.CitedBy, c => c.Area == "readiness" && c.Href == "/readiness?ally=ALB");
        var funding = Assert.Single(vote.CitedBy);
        Assert.Equal(("funding", "2023-12-06", "/assistance/delays"), (funding.Area, funding.Date, funding.Href));
        Assert.Contains(declaration.CitedBy, c => c.Area == "decision" && c.Href == "/decisions/invite-ukraine-washington-2024" && c.Date == "2024-07-11");
        var member = await db.Members.AsNoTracking().FirstAsync(m => m.Sources != null, Ct);
        var memberSource = book(member.Sources!);
        Assert.Contains((await GetSource.Handle(db, memberSource, Access.Reader.Anonymous, Ct)).Value!.CitedBy, c => c.Area == "member" && c.Subject == member.Name);

        static string book(string sources) => Domain.Sources.Citation.Parse(sources).First().Text;
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_position_the_reader_may_not_see_is_not_listed_among_what_cites_a_source(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.Open(store, "restricted-citation");
        await using (var db = store.NewContext())
        {
            var written = await Features.Decisions.RecordPosition.Handle(db, store.Clock, Domain.Decisions.DecisionId.Parse("restricted-citation"),
                new Features.Decisions.RecordPosition.Request("DEU", "object", null, "S33-2", null, null, "2025-01-07", null, "NATO RESTRICTED"), new WriteContext("test"), Ct);
            Assert.Null(written.Refusal);
        }
        await using var read = store.NewContext();

        var anonymous = (await GetSource.Handle(read, "S33-2", Access.Reader.Anonymous, Ct)).Value!;
        var system = (await GetSource.Handle(read, "S33-2", Access.Reader.System, Ct)).Value!;

        Assert.DoesNotContain(anonymous.CitedBy, c => c.Area == "position");
        Assert.Contains(system.CitedBy, c => c.Area == "position" && c.Href == "/decisions/restricted-citation");
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_recorded_conclusion_citing_an_unregistered_id_is_refused_naming_source_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind, seed: true);
        await Seeded.Open(store, "conclusion-citation");
        var events = await store.EventCount();
        await using var db = store.NewContext();

        var result = await Features.Decisions.ConcludeDecision.Handle(db, store.Clock, Domain.Decisions.DecisionId.Parse("conclusion-citation"),
            new Features.Decisions.ConcludeDecision.Request(null, "lapsed", "2025-02-01", "S3434", null), new WriteContext("test"), Ct);

        Assert.Equal("source", result.Refusal?.Field);
        Assert.Equal(events, await store.EventCount());
    }

    [Fact]
    public void a_citation_in_prose_is_one_free_text_citation_and_ids_are_separated_by_semicolons()
    {
        Assert.Equal([("S15", true), ("S01", true)], Domain.Sources.Citation.Parse("S15; S01").Select(c => (c.Text, c.IsId)));
        Assert.Equal([("Reuters; S01", false)], Domain.Sources.Citation.Parse("Reuters; S01").Select(c => (c.Text, c.IsId)));
        Assert.Equal([("https://example.org/a", false)], Domain.Sources.Citation.Parse("https://example.org/a").Select(c => (c.Text, c.IsId)));
        Assert.Empty(Domain.Sources.Citation.Parse("  "));
    }
}
