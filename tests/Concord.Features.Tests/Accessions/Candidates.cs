using System.Text;
using System.Text.Json;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using Concord.Features.Importing;
using Concord.Features.Members;
using NodaTime;
using NodaTime.Text;

namespace Concord.Features.Tests.Accessions;

/// <summary>
/// Shortcuts over the accession use cases for tests: a store holding the 32 Allies of data/nato/members.csv, steps
/// recorded through the API's use case, files written in the documented import format.
/// </summary>
internal static class Candidates
{
    private static readonly string MembersFile = Path.Combine(AppContext.BaseDirectory, "data", "nato", "members.csv");

    /// <summary>The 32 Allies and the day each joined, from the shipped members file.</summary>
    public static IReadOnlyList<(string Code, LocalDate Since)> Allies { get; } = ReadAllies();

    /// <summary>The Allies seated on <paramref name="date"/>, except those named.</summary>
    public static IEnumerable<string> PartiesOn(string date, params string[] except) =>
        Allies.Where(a => a.Since <= Date(date) && !except.Contains(a.Code)).Select(a => a.Code);

    /// <summary>A fresh store with only the 32 Allies loaded (no accessions), through the members importer.</summary>
    public static async Task<TestStore> WithAllies(StoreKind kind)
    {
        var store = await TestStore.Create(kind);
        // The members file cites the shipped sources, which must be registered first.
        await WithShippedSources(store);
        await using var db = store.NewContext();
        using var file = File.OpenText(MembersFile);
        var report = await ImportMembers.Handle(db, store.Clock, file, Body.Nato, new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        // The ids tests cite (S1 to S9) are registered like any source: a write citing an unregistered id is refused.
        var sources = await Concord.Features.Sources.ImportSources.Handle(db, store.Clock, new StringReader("source_id,kind,publisher,title\n"
            + string.Concat(Enumerable.Range(1, 9).Select(i => $"S{i},press,Test Daily,Test report {i}\n"))), new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.True(sources.Succeeded, string.Join("; ", sources.Errors));
        return store;
    }

    /// <summary>Registers the shipped sources (data/nato/sources.csv), which the shipped files cite.</summary>
    public static async Task WithShippedSources(TestStore store)
    {
        await using var db = store.NewContext();
        using var file = File.OpenText(Path.Combine(AppContext.BaseDirectory, "data", "nato", "sources.csv"));
        var report = await Concord.Features.Sources.ImportSources.Handle(db, store.Clock, file, new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    public static StepRequest Step(string step, string date, string? party = null, string? stage = null, string? qualifier = null,
        string? source = "test", string? summit = null, string? note = null) =>
        new(step, date, qualifier, party, stage, null, summit, null, source, "reported", note);

    public static StepRequest Deposit(string party, string date, string? qualifier = null) => Step("ratification", date, party, "deposit", qualifier);

    public static StepRequest Approval(string party, string date) => Step("ratification", date, party, "parliamentaryApproval");

    public static IEnumerable<StepRequest> Deposits(IEnumerable<string> parties, string date) => parties.Select(p => Deposit(p, date));

    public static async Task<Result<AccessionView>> Open(TestStore store, string candidate, string name)
    {
        await using var db = store.NewContext();
        return await RecordAccessionStep.Open(db, store.Clock, new RecordAccessionStep.OpenRequest(candidate, name), new WriteContext("test"),
            TestContext.Current.CancellationToken);
    }

    public static async Task<Result<AccessionView>> Record(TestStore store, string candidate, StepRequest step)
    {
        await using var db = store.NewContext();
        return await RecordAccessionStep.Handle(db, store.Clock, MemberCode.Parse(candidate), step, new WriteContext("test"),
            TestContext.Current.CancellationToken);
    }

    /// <summary>Opens the accession and records each step, failing the test on any refusal.</summary>
    public static async Task<AccessionView> Follow(TestStore store, string candidate, string name, params IEnumerable<StepRequest> steps)
    {
        var opened = await Open(store, candidate, name);
        Assert.Null(opened.Refusal);
        var view = opened.Value!;
        foreach (var step in steps) view = await Recorded(store, candidate, step);
        return view;
    }

    public static async Task<AccessionView> Recorded(TestStore store, string candidate, params IEnumerable<StepRequest> steps)
    {
        AccessionView? view = null;
        foreach (var step in steps)
        {
            var result = await Record(store, candidate, step);
            Assert.True(result.Refusal is null, $"{step} was refused: {result.Refusal?.Reason}");
            view = result.Value;
        }
        return view ?? await Get(store, candidate);
    }

    public static async Task<AccessionView> Get(TestStore store, string candidate, string? asOf = null)
    {
        await using var db = store.NewContext();
        var result = await GetAccession.Handle(db, store.Clock, MemberCode.Parse(candidate), asOf is null ? null : Date(asOf),
            TestContext.Current.CancellationToken);
        Assert.True(result.Refusal is null, result.Refusal?.Reason);
        return result.Value!;
    }

    public static async Task<ImportReport> Import(TestStore store, string text, bool json = false)
    {
        await using var db = store.NewContext();
        return await ImportAccession.Handle(db, store.Clock, new StringReader(text), json, new WriteContext("test"), TestContext.Current.CancellationToken);
    }

    /// <summary>A CSV file in the documented format (docs/data-formats.md); the header is line 1, step n is on line n + 1.</summary>
    public static string Csv(string candidate, string name, IEnumerable<StepRequest> steps)
    {
        var text = new StringBuilder("candidate,candidate_name,step,party,stage,date,date_qualifier,decision,summit,signatories,source,confidence,note,corrects\n");
        foreach (var s in steps)
            text.AppendJoin(',', new[] { candidate, name, s.Step, s.Party, s.Stage, s.Date, s.DateQualifier, s.Decision, s.Summit, s.Signatories, s.Source, s.Confidence, s.Note, s.Corrects }
                .Select(Quote)).Append('\n');
        return text.ToString();
    }

    /// <summary>The same steps as a JSON file in the documented format; step n is entry n.</summary>
    public static string Json(string candidate, string name, IEnumerable<StepRequest> steps) =>
        JsonSerializer.Serialize(new
        {
            candidate,
            name,
            steps = steps.Select(s => new Dictionary<string, string?>
            {
                ["step"] = s.Step, ["date"] = s.Date, ["dateQualifier"] = s.DateQualifier, ["party"] = s.Party, ["stage"] = s.Stage,
                ["decision"] = s.Decision, ["summit"] = s.Summit, ["signatories"] = s.Signatories, ["source"] = s.Source,
                ["confidence"] = s.Confidence, ["note"] = s.Note, ["corrects"] = s.Corrects,
            }.Where(kv => kv.Value is not null).ToDictionary()),
        });

    public static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();

    private static string Quote(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static List<(string, LocalDate)> ReadAllies()
    {
        using var file = File.OpenText(MembersFile);
        var table = CsvFile.Read(file, ImportMembers.Format);
        Assert.Empty(table.Errors);
        return [.. table.Rows.Select(r => (r.Value.Code!, Date(r.Value.Since!)))];
    }
}
