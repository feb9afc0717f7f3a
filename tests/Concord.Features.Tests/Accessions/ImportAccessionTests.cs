using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using Concord.Features.Members;
using Microsoft.EntityFrameworkCore;
using static Concord.Features.Tests.Accessions.Candidates;

namespace Concord.Features.Tests.Accessions;

/// <summary>
/// <c>concord import accession FILE</c> in the documented format (docs/data-formats.md), with files written here:
/// a file is loaded whole or not at all, each bad row named by its line (CSV) or entry number (JSON).
/// </summary>
public sealed partial class ImportAccessionTests
{
    /// <summary>
    /// Serbia's complete path: signed on 2024-09-02, every Ally approving over the following months and depositing a
    /// week later, Türkiye last (vote 2025-01-20, publication 2025-01-22, deposit 2025-01-27), membership on 2025-02-10.
    /// </summary>
    private static readonly StepRequest[] Serbia =
    [
        new("application", "2024-05-02", null, null, null, null, null, "President Vučić; Prime Minister Vučević", "test", "reported", "Letter to the Secretary General."),
        Step("mapWaived", "2024-07-09"),
        Step("invitation", "2024-07-10", summit: "washington-2024", note: "Invited \"when Allies agree\", at the summit, by consensus."),
        Step("accessionTalks", "2024-08-01"),
        Step("protocolSigned", "2024-09-02", note: "Signed in Brussels,\nby the permanent representatives."),
        .. PartiesOn("2024-09-02", "TUR").SelectMany((party, i) => new[]
        {
            Approval(party, Date("2024-09-02").PlusDays(3 * i).ToString("yyyy-MM-dd", null)),
            Deposit(party, Date("2024-09-02").PlusDays(3 * i + 7).ToString("yyyy-MM-dd", null)),
        }),
        Step("ratification", "2025-01-14", party: "TUR", stage: "committee"),
        Approval("TUR", "2025-01-20"),
        Step("ratification", "2025-01-22", party: "TUR", stage: "publication"),
        Deposit("TUR", "2025-01-27"),
        Step("invitationToAccede", "2025-01-28"),
        Step("candidateApproval", "2025-02-05"),
        Step("accessionDeposited", "2025-02-10", source: "US State Department"),
    ];

    public static TheoryData<StoreKind, bool> KindsAndFormats() => new()
    {
        { StoreKind.Sqlite, false }, { StoreKind.Sqlite, true }, { StoreKind.Postgres, false }, { StoreKind.Postgres, true },
    };

    [Theory, MemberData(nameof(KindsAndFormats))]
    public async Task a_valid_file_in_the_documented_format_loads_and_gives_its_computed_membership_date(StoreKind kind, bool json)
    {
        await using var store = await WithAllies(kind);
        var file = json ? Json("SRB", "Serbia", Serbia) : Csv("SRB", "Serbia", Serbia);

        var report = await Import(store, file, json);

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(Serbia.Length, report.Rows);
        Assert.Equal(Serbia.Length + 1, report.Added);
        var status = (await Get(store, "SRB")).Status;
        Assert.Equal(DateWindow.On(Date("2025-02-10")), status.MemberSince);
        Assert.Equal(DateWindow.On(Date("2025-01-27")), status.EnteredIntoForce);
        Assert.Equal("TUR", status.LastRatifier?.Value);
        Assert.Equal(32, status.Parties.Count);
        Assert.Equal("member", status.Stage);
        Assert.Equal(142, status.Parties.Single(p => p.Party.Value == "TUR").DaysToRatify);
        await using var db = store.NewContext();
        var nato = await Bodies.Load(db, Body.Nato, TestContext.Current.CancellationToken);
        Assert.Equal(Date("2025-02-10"), nato!.Find(MemberCode.Parse("SRB"))?.Since);
        Assert.Equal("member", (await ListAccessions.Handle(db, store.Clock, TestContext.Current.CancellationToken)).Single(a => a.Candidate == "SRB").Stage);
    }

    [Theory, MemberData(nameof(KindsAndFormats))]
    public async Task importing_the_same_file_again_adds_nothing(StoreKind kind, bool json)
    {
        await using var store = await WithAllies(kind);
        var file = json ? Json("SRB", "Serbia", Serbia) : Csv("SRB", "Serbia", Serbia);
        Assert.True((await Import(store, file, json)).Succeeded);
        var events = await store.EventCount();

        var again = await Import(store, file, json);

        Assert.True(again.Succeeded, string.Join("; ", again.Errors));
        Assert.Equal(0, again.Added);
        Assert.Equal(events, await store.EventCount());
    }

    [Fact]
    public async Task a_file_with_a_withdrawn_ratification_and_its_new_deposit_imported_again_adds_nothing()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        StepRequest[] steps =
        [
            .. Serbia[..5], Deposit("HUN", "2024-10-01"), Step("ratificationWithdrawn", "2024-11-04", party: "HUN", note: "Suspended pending a court ruling."),
            Deposit("HUN", "2024-12-02"),
        ];
        var first = await Import(store, Csv("SRB", "Serbia", steps));
        Assert.True(first.Succeeded, string.Join("; ", first.Errors));
        var events = await store.EventCount();

        var again = await Import(store, Csv("SRB", "Serbia", steps));

        Assert.True(again.Succeeded, string.Join("; ", again.Errors));
        Assert.Equal(0, again.Added);
        Assert.Equal(events, await store.EventCount());
    }

    [Theory]
    [InlineData("montenegro.csv")]
    [InlineData("north_macedonia.csv")]
    [InlineData("finland.csv")]
    [InlineData("ukraine.csv")]
    public async Task a_shipped_accession_file_imported_again_adds_nothing(string file)
    {
        await using var store = await TestStore.Create(StoreKind.Sqlite, seed: true);
        var events = await store.EventCount();

        var report = await Import(store, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "nato", "accessions", file), TestContext.Current.CancellationToken));

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(0, report.Added);
        Assert.Equal(events, await store.EventCount());
    }

    [Fact]
    public async Task the_csv_and_json_forms_of_a_file_give_the_same_accession()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        Assert.True((await Import(store, Csv("SRB", "Serbia", Serbia))).Succeeded);
        var events = await store.EventCount();

        var fromJson = await Import(store, Json("SRB", "Serbia", Serbia), json: true);

        Assert.True(fromJson.Succeeded, string.Join("; ", fromJson.Errors));
        Assert.Equal(0, fromJson.Added);
        Assert.Equal(events, await store.EventCount());
    }

    /// <summary>The sixth step of the file replaced by a bad one: line 8, as the protocol's note before it spans two lines.</summary>
    public static TheoryData<StoreKind, string, string, string?, string> BadRows() => new()
    {
        { StoreKind.Sqlite, "a date that does not exist", "ratification,CAN,parliamentaryApproval,2024-09-31", "date", "'date' is not a date: '2024-09-31'. Use YYYY-MM-DD." },
        { StoreKind.Sqlite, "an unknown stage", "ratification,CAN,referendum,2024-09-30", "stage", "'stage' must be one of committee, " },
        { StoreKind.Sqlite, "a state that is not an ally", "ratification,AUT,parliamentaryApproval,2024-09-30", null, "'AUT' is not an Ally." },
        { StoreKind.Sqlite, "a stage before the signature", "ratification,CAN,committee,2024-09-01", "step", "Missing step: the signature of the accession protocol of Serbia has not been recorded." },
        { StoreKind.Postgres, "a ratification by the candidate", "ratification,SRB,parliamentaryApproval,2024-09-30", "party", "Serbia is the candidate, not a Party to its own protocol." },
        { StoreKind.Postgres, "a date in the future", "ratification,CAN,committee,2026-12-01", "date", "2026-12-01 is in the future; Concord records what has happened." },
    };

    [Theory, MemberData(nameof(BadRows))]
    public async Task a_csv_file_with_one_bad_row_loads_nothing_and_names_the_rows_line(StoreKind kind, string bad, string row, string? column, string message)
    {
        Assert.NotEmpty(bad);
        await using var store = await WithAllies(kind);
        var events = await store.EventCount();
        var parts = row.Split(',');
        var steps = Serbia.ToArray();
        steps[5] = Step(parts[0], parts[3], party: parts[1], stage: parts[2]);

        var report = await Import(store, Csv("SRB", "Serbia", steps));

        var error = Assert.Single(report.Errors);
        Assert.Equal(8, error.Line);
        Assert.Equal(column, error.Column);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, report.Added);
        Assert.Equal(events, await store.EventCount());
        await using var db = store.NewContext();
        Assert.False(await db.Accessions.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("Signed in Brussels by the permanent representatives.", 7)]
    [InlineData("Signed in Brussels,\nby the permanent representatives.", 8)]
    public async Task a_bad_row_is_named_by_the_line_it_starts_on_in_the_file_even_after_a_quoted_note_spanning_two_lines(string note, int line)
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        var steps = Serbia.ToArray();
        steps[4] = steps[4] with { Note = note };
        steps[5] = Approval("CAN", "2024-09-31");

        var report = await Import(store, Csv("SRB", "Serbia", steps));

        Assert.Equal(line, Assert.Single(report.Errors).Line);
    }

    [Fact]
    public async Task every_bad_row_is_reported_with_its_line()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        var steps = Serbia.ToArray();
        steps[7] = Approval("CAN", "2024-09-31");
        steps[9] = Approval("XX1", "2024-10-01");

        var report = await Import(store, Csv("SRB", "Serbia", steps));

        Assert.Equal([(10, "date"), (12, "party")], report.Errors.Select(e => (e.Line, e.Column)));
        Assert.Equal(0, await Count(store));
    }

    [Fact]
    public async Task a_file_mixing_two_candidates_is_refused_at_the_row_of_the_second()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        var file = Csv("SRB", "Serbia", Serbia.Take(3)) + "BIH,Bosnia and Herzegovina,application,,,2024-05-02,on,,,,test,reported,,\n";

        var report = await Import(store, file);

        var error = Assert.Single(report.Errors);
        Assert.Equal((5, "candidate"), (error.Line, error.Column));
        Assert.Equal("One file holds one candidate's path; this row is for BIH, the file for SRB.", error.Message);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task a_json_file_with_a_bad_entry_names_the_entry_number(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        var events = await store.EventCount();
        var steps = Serbia.ToArray();
        steps[3] = Approval("X1X", "2024-10-01");

        var report = await Import(store, Json("SRB", "Serbia", steps), json: true);

        var error = Assert.Single(report.Errors);
        Assert.Equal((4, "party"), (error.Line, error.Column));
        Assert.Equal(events, await store.EventCount());
    }

    [Fact]
    public async Task a_json_entry_refused_by_the_rules_is_named_by_its_entry_number()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        var steps = Serbia.ToArray();
        steps[7] = Approval("SRB", "2024-10-01");

        var report = await Import(store, Json("SRB", "Serbia", steps), json: true);

        Assert.Equal((8, "Serbia is the candidate, not a Party to its own protocol."), (Assert.Single(report.Errors).Line, report.Errors[0].Message));
        Assert.Equal(0, await Count(store));
    }

    [Fact]
    public async Task a_json_file_without_a_steps_array_is_refused()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);

        var report = await Import(store, """{"candidate":"SRB","name":"Serbia"}""", json: true);

        Assert.Equal("Expected an object with candidate, name and a 'steps' array.", Assert.Single(report.Errors).Message);
    }

    [Fact]
    public async Task a_json_null_for_an_optional_field_means_unknown()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        const string file = """
            {"candidate":"SRB","name":"Serbia","steps":[
              {"step":"application","date":"2024-05-02","dateQualifier":null,"party":null,"stage":null,"note":null,"source":null}
            ]}
            """;

        var report = await Import(store, file, json: true);

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(DateWindow.On(Date("2024-05-02")), (await Get(store, "SRB")).Steps.Single().Date);
    }

    [Fact]
    public async Task a_date_qualifier_is_read_in_either_spelling()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        StepRequest[] steps = [.. Serbia[..5], Deposit("CAN", "2024-12-31", qualifier: "on_or_before"), Deposit("DNK", "2024-12-31", qualifier: "onOrBefore")];

        Assert.True((await Import(store, Csv("SRB", "Serbia", steps))).Succeeded);

        var parties = (await Get(store, "SRB")).Status.Parties;
        Assert.All(parties.Where(p => p.Party.Value is "CAN" or "DNK"), p => Assert.Equal(DateWindow.OnOrBefore(Date("2024-12-31")), p.Deposited));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_date_known_only_within_a_window_is_imported_as_that_window_from_csv_and_json(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        StepRequest[] steps =
        [
            .. Serbia[..5], Deposit("CAN", "2024-10", qualifier: "month"), Deposit("DNK", "2024-10-01/2024-10-20", qualifier: "between"),
            Deposit("HUN", "2024-11-01", qualifier: "onOrAfter"),
        ];

        Assert.True((await Import(store, Csv("SRB", "Serbia", steps))).Succeeded);
        Assert.True((await Import(store, Json("BIH", "Bosnia and Herzegovina", steps), json: true)).Succeeded);

        foreach (var candidate in new[] { "SRB", "BIH" })
        {
            var status = (await Get(store, candidate, "2024-10-10")).Status;
            Assert.Equal([RatificationState.InWindow, RatificationState.InWindow, RatificationState.Pending],
                new[] { "CAN", "DNK", "HUN" }.Select(p => status.Parties.Single(r => r.Party.Value == p).State));
            Assert.Equal(["between 2024-10-01 and 2024-10-20", "in October 2024", "on or after 2024-11-01"],
                (await Get(store, candidate)).Steps.Where(s => s.Party is not null).Select(s => s.Date.ToString()));
        }
    }

    [Fact]
    public async Task a_window_that_cannot_be_read_is_refused_with_its_line_and_nothing_is_loaded()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        StepRequest[] steps = [.. Serbia[..5], Deposit("CAN", "2024-10-20/2024-10-01", qualifier: "between")];

        var report = await Import(store, Csv("SRB", "Serbia", steps));

        var error = Assert.Single(report.Errors);
        // The header is line 1 and the protocol's note spans two lines: the sixth row starts on line 8.
        Assert.Equal((8, "date"), (error.Line, error.Column));
        Assert.Equal(0, await Count(store));
    }

    private static async Task<int> Count(TestStore store)
    {
        await using var db = store.NewContext();
        return await db.Accessions.CountAsync(TestContext.Current.CancellationToken);
    }
}
