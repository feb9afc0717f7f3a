using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Features.Accessions;
using Concord.Features.EventLog;
using static Concord.Features.Tests.Accessions.Candidates;

namespace Concord.Features.Tests.Accessions;

/// <summary>
/// A second date for one step (or one Party's stage) is refused unless it says it corrects the first, with its own
/// source; a correction is a new fact that supersedes the record it corrects, never a rewrite of it.
/// </summary>
public sealed partial class ImportAccessionTests
{
    [Theory, MemberData(nameof(KindsAndFormats))]
    public async Task a_second_row_for_one_stage_of_one_party_with_another_date_is_refused_on_its_line(StoreKind kind, bool json)
    {
        await using var store = await WithAllies(kind);
        StepRequest[] steps = [.. Serbia[..5], Approval("CAN", "2024-09-10"), Approval("CAN", "2024-09-12")];

        var report = await Import(store, json ? Json("SRB", "Serbia", steps) : Csv("SRB", "Serbia", steps), json);

        var error = Assert.Single(report.Errors);
        Assert.Equal((json ? 7 : 9, "date"), (error.Line, error.Column));
        Assert.Equal($"CAN's parliamentaryApproval is already given on line {(json ? 6 : 8)} (2024-09-10); a different date is refused unless "
            + "the row corrects it (corrects: yes), with its own source.", error.Message);
        Assert.Equal(0, await Count(store));
    }

    [Theory, MemberData(nameof(KindsAndFormats))]
    public async Task a_second_row_marked_as_a_correction_with_its_own_source_supersedes_the_first_which_is_not_recorded(StoreKind kind, bool json)
    {
        await using var store = await WithAllies(kind);
        StepRequest[] steps = [.. Serbia[..5], Approval("CAN", "2024-09-10"), Approval("CAN", "2024-09-12") with { Corrects = "yes", Source = "S2" }];

        var report = await Import(store, json ? Json("SRB", "Serbia", steps) : Csv("SRB", "Serbia", steps), json);

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        var view = await Get(store, "SRB");
        Assert.Equal(DateWindow.On(Date("2024-09-12")), view.Status.Parties.Single(p => p.Party.Value == "CAN").Ratified);
        Assert.Equal(("S2", false), Assert.Single(view.Steps, s => s.Party == "CAN") is var can ? (can.Source, can.Corrects) : default);
        Assert.Equal(0, (await Import(store, json ? Json("SRB", "Serbia", steps) : Csv("SRB", "Serbia", steps), json)).Added);
    }

    [Fact]
    public async Task a_correction_without_its_own_source_is_refused()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        StepRequest[] steps = [.. Serbia[..5], Approval("CAN", "2024-09-10"), Approval("CAN", "2024-09-12") with { Corrects = "yes", Source = null }];

        var report = await Import(store, Csv("SRB", "Serbia", steps));

        Assert.Equal((9, "source"), Assert.Single(report.Errors) is var e ? (e.Line, e.Column) : default);
    }

    [Theory, MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task a_later_file_corrects_a_stored_date_only_when_it_says_so_and_the_log_keeps_both_records(StoreKind kind)
    {
        await using var store = await WithAllies(kind);
        Assert.True((await Import(store, Csv("SRB", "Serbia", [.. Serbia[..5], Approval("CAN", "2024-09-10")]))).Succeeded);
        var events = await store.EventCount();

        var unmarked = await Import(store, Csv("SRB", "Serbia", [Approval("CAN", "2024-09-12")]));
        var marked = await Import(store, Csv("SRB", "Serbia", [Approval("CAN", "2024-09-12") with { Corrects = "yes", Source = "S2" }]));

        Assert.Equal((2, "date"), Assert.Single(unmarked.Errors) is var e ? (e.Line, e.Column) : default);
        Assert.Equal("CAN's parliamentaryApproval is already recorded on 2024-09-10; a different date is a correction: mark it as one (corrects) "
            + "with its own source.", unmarked.Errors[0].Message);
        Assert.True(marked.Succeeded, string.Join("; ", marked.Errors));
        Assert.Equal(events + 1, await store.EventCount());
        var view = await Get(store, "SRB");
        Assert.Equal(DateWindow.On(Date("2024-09-12")), view.Status.Parties.Single(p => p.Party.Value == "CAN").Ratified);
        Assert.Equal([("2024-09-10", false), ("2024-09-12", true)],
            view.Steps.Where(s => s.Party == "CAN").Select(s => (s.Date.Placed.ToString("yyyy-MM-dd", null), s.Corrects)));
        await using var db = store.NewContext();
        var stored = (await new EventStore(db).ReadStream("accession-SRB", TestContext.Current.CancellationToken)).Last();
        Assert.Contains("\"corrects\":true", stored.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_correction_with_nothing_recorded_to_correct_is_refused()
    {
        await using var store = await WithAllies(StoreKind.Sqlite);

        var report = await Import(store, Csv("SRB", "Serbia", [.. Serbia[..5], Approval("CAN", "2024-09-12") with { Corrects = "yes" }]));

        var error = Assert.Single(report.Errors);
        Assert.Equal((8, "corrects", "Nothing to correct: CAN's parliamentaryApproval is not recorded yet."), (error.Line, error.Column, error.Message));
    }
}
