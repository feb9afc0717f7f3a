using Concord.Features.Accessions;
using Concord.Features.Importing;
using static Concord.Features.Tests.Accessions.Candidates;

namespace Concord.Features.Tests.Accessions;

/// <summary>
/// A file's faults, all in one pass, each on the row that causes it: reading faults and faults against the path alike,
/// one wrong date as one error, never a cascade of the rows that only depend on it.
/// </summary>
public sealed partial class ImportAccessionTests
{
    private static readonly string FinlandFile = Path.Combine(AppContext.BaseDirectory, "data", "nato", "accessions", "finland.csv");

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_signature_known_only_by_its_month_is_not_refused_for_approvals_dated_within_that_month_as_the_path_accepts_them(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        // Serbia's path with the protocol's signature known only as "September 2024": the approvals from 2024-09-02 on may
        // well follow it, so neither the file's own checks nor the path refuse them.
        var steps = Serbia.Select(s => s.Step == "protocolSigned" ? s with { Date = "2024-09", DateQualifier = "month" } : s).ToArray();

        var report = await Import(store, Csv("SRB", "Serbia", steps));

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task an_approval_known_only_by_its_month_is_not_refused_for_an_exact_signature_within_that_month_as_the_path_accepts_it(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        // The mirror case: the first Party's approval known only as "September 2024" (its deposit in October), the
        // signature on 2024-09-02.
        var first = Serbia.First(s => s.Step == "ratification");
        var steps = Serbia.Select(s => ReferenceEquals(s, first) ? s with { Date = "2024-09", DateQualifier = "month" }
            : s.Step == "ratification" && s.Party == first.Party && s.Stage == "deposit" ? s with { Date = "2024-10-01" } : s).ToArray();

        var report = await Import(store, Csv("SRB", "Serbia", steps));

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_file_with_a_misspelt_optional_column_is_refused_on_line_1_and_nothing_is_stored(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        var events = await store.EventCount();
        var file = Csv("SRB", "Serbia", Serbia).Replace("date_qualifier", "date_qualifer", StringComparison.Ordinal);

        var report = await Import(store, file);

        var error = Assert.Single(report.Errors);
        Assert.Equal((1, "date_qualifer"), (error.Line, error.Column));
        Assert.Equal("Unknown column 'date_qualifer'. Did you mean 'date_qualifier'?", error.Message);
        Assert.Equal(0, report.Added);
        Assert.Equal(events, await store.EventCount());
        Assert.Equal(0, await Count(store));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_json_entry_with_a_wrong_key_is_refused_naming_the_entry_and_the_key_it_is_close_to(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        var events = await store.EventCount();
        const string file = """
            {"candidate": "SRB", "name": "Serbia", "steps": [
              {"step": "application", "date": "2024-05-02", "source": "S1"},
              {"step": "invitation", "date": "2024-07-10", "dateQualifer": "onOrBefore", "source": "S1"}
            ]}
            """;

        var report = await Import(store, file, json: true);

        var error = Assert.Single(report.Errors);
        Assert.Equal((2, "dateQualifer"), (error.Line, error.Column));
        Assert.Equal("Unknown key 'dateQualifer' in entry 2. Did you mean 'dateQualifier'?", error.Message);
        Assert.Equal(events, await store.EventCount());
    }

    [Fact]
    public async Task an_unknown_key_of_the_files_own_object_is_refused_with_the_key_it_is_close_to()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);

        var report = await Import(store, """{"candidate": "SRB", "nmae": "Serbia", "steps": [{"step": "application", "date": "2024-05-02"}]}""", json: true);

        Assert.Contains(report.Errors, e => e.Line == 0 && e.Message == "Unknown key 'nmae' in the file's object. Did you mean 'name'?");
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_file_with_a_reading_fault_a_refusal_of_the_path_and_a_stage_out_of_order_reports_all_three_on_their_lines(StoreKind kind)
    {
        await using var store = await WithProcedures(kind);
        var steps = Serbia.ToList();
        steps[7] = steps[7] with { Date = "2024-09-31" };
        steps[9] = steps[9] with { Party = "SRB" };
        // The United States' procedure: Senate, then the President's signature, then the deposit.
        steps.Add(Step("ratification", "2024-09-04", party: "USA", stage: "upperHouse"));
        steps.Add(Step("ratification", "2024-09-03", party: "USA", stage: "headOfStateSignature"));

        var report = await Import(store, Csv("SRB", "Serbia", steps));

        Assert.Equal([(10, "date"), (12, "party"), (steps.Count + 2, "date")], report.Errors.Select(e => (e.Line, e.Column)));
        Assert.StartsWith("'date' is not a date: '2024-09-31'.", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("Serbia is the candidate, not a Party to its own protocol.", report.Errors[1].Message);
        Assert.Equal($"USA's headOfStateSignature on 2024-09-03 is before line {steps.Count + 1} (USA upperHouse, 2024-09-04), which comes first "
            + "(its procedure is upperHouse, headOfStateSignature, deposit).", report.Errors[2].Message);
        Assert.Equal(0, await Count(store));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_deposit_dated_before_its_approval_is_blamed_on_the_deposit_line_not_on_the_approval(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        StepRequest[] steps = [.. Serbia[..5], Approval("CAN", "2024-09-20"), Deposit("CAN", "2024-09-10")];

        var report = await Import(store, Csv("SRB", "Serbia", steps));

        var error = Assert.Single(report.Errors);
        Assert.Equal((9, "date"), (error.Line, error.Column));
        Assert.Equal("CAN's deposit on 2024-09-10 is before line 8 (CAN parliamentaryApproval, 2024-09-20), which comes first "
            + "(a deposit follows the national approval).", error.Message);
    }

    [Fact]
    public async Task a_stage_dated_after_several_later_stages_of_its_party_is_the_one_refused()
    {
        await using var store = await WithProcedures(StoreKind.Sqlite);
        // Türkiye's procedure: the Assembly's vote, the President's signature, publication, deposit; the vote is mistyped.
        StepRequest[] steps =
        [
            .. Serbia[..5], Step("ratification", "2025-01-30", party: "TUR", stage: "lowerHouse"),
            Step("ratification", "2025-01-21", party: "TUR", stage: "headOfStateSignature"),
            Step("ratification", "2025-01-22", party: "TUR", stage: "publication"), Deposit("TUR", "2025-01-27"),
        ];

        var report = await Import(store, Csv("SRB", "Serbia", steps));

        var error = Assert.Single(report.Errors);
        Assert.Equal(8, error.Line);
        Assert.StartsWith("TUR's lowerHouse on 2025-01-30 is after line 9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-07-05", "The step protocolSigned on 2023-07-05 is after 64 rows that need it first")]
    [InlineData("2022-07-32", "'date' is not a date: '2022-07-32'.")]
    [InlineData("2027-07-05", "2027-07-05 is in the future")]
    [InlineData("2021-07-05", "Missing step: the political invitation")]
    public async Task one_wrong_protocol_date_is_one_error_on_the_protocols_line_not_one_per_ratification(string date, string message)
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        await WithShippedSources(store);
        var lines = await File.ReadAllLinesAsync(FinlandFile, TestContext.Current.CancellationToken);
        lines[3] = lines[3].Replace("2022-07-05", date, StringComparison.Ordinal);

        var report = await Import(store, string.Join('\n', lines) + "\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal(4, error.Line);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Count(store));
    }

    [Fact]
    public async Task the_shipped_finland_file_loads_whole_into_a_store_with_only_the_allies()
    {
        await using var store = await WithProcedures(StoreKind.Sqlite);

        var report = await Import(store, await File.ReadAllTextAsync(FinlandFile, TestContext.Current.CancellationToken));

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task importing_an_accession_into_a_store_without_members_says_so_once(StoreKind kind)
    {
        await using var store = await TestStore.Create(kind);

        var report = await Import(store, Csv("SRB", "Serbia", Serbia));

        var error = Assert.Single(report.Errors);
        Assert.StartsWith("The store holds no members of NATO: load them first", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.EventCount());
    }

    /// <summary>The Allies and the shipped ratification procedures (data/nato/ratification_procedures.csv).</summary>
    private static async Task<TestStore> WithProcedures(StoreKind kind)
    {
        var store = await WithAllies(kind);
        await WithShippedSources(store);
        await using var db = store.NewContext();
        using var file = File.OpenText(Path.Combine(AppContext.BaseDirectory, "data", "nato", "ratification_procedures.csv"));
        var report = await Procedures.Import(db, store.Clock, file, new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        return store;
    }
}
