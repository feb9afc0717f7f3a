using System.Text;
using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Tests.Commands;

public sealed class ImportCommandsTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task import_members_of_a_file_with_two_bad_rows_reports_both_lines_and_loads_nothing()
    {
        await _store.Run("verify");
        var before = await MemberCodes();
        var file = _store.WriteFile("members.csv", """
            country,iso_alpha3,accession_date
            Ukraine,UKR,2020-01-01
            Nowhere,XX,2020-01-01
            Somewhere,ZZZ,not-a-date
            """);

        var run = await _store.Run("import", "members", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 3, iso_alpha3: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 4, accession_date: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was loaded", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await MemberCodes());
        Assert.DoesNotContain("UKR", before);
    }

    [Fact]
    public async Task import_members_into_another_body_says_how_many_were_added()
    {
        var file = _store.WriteFile("eu.csv", """
            country,iso_alpha3,accession_date
            France,FRA,1958-01-01
            Germany,DEU,1958-01-01
            """);

        var run = await _store.Run("import", "members", file, "--body", "EU");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 rows, 2 added.", run.Output, StringComparison.Ordinal);
        Assert.Equal(["DEU", "FRA"], await MemberCodes("EU"));
    }

    [Fact]
    public async Task import_positions_records_them_on_the_decision_and_changes_its_outcome()
    {
        var decisions = _store.WriteFile("decisions.csv", """
            id,subject,summit,opened
            invite-ukraine-open-question,Invite Ukraine to join the Alliance (open question),washington-2024,2023-07-11
            """);
        var reported = _store.WriteFile("reported.csv", """
            ally_iso3,position,effective_date,condition,source,confidence
            DEU,object,2024-04-05,,test,reported
            HUN,object,2024-04-05,sceptical,test,reported
            SVK,object,2024-04-05,sceptical,test,reported
            USA,object,2024-04-05,,test,reported
            """);
        var file = _store.WriteFile("positions.csv", """
            ally_iso3,position,effective_date,source,confidence
            HUN,concur,2024-08-01,test,official
            """);
        Assert.Equal(0, (await _store.Run("import", "decisions", decisions)).ExitCode);
        Assert.Equal(0, (await _store.Run("import", "positions", reported, "--decision", "invite-ukraine-open-question")).ExitCode);

        var run = await _store.Run("import", "positions", file, "--decision", "invite-ukraine-open-question");
        var show = await _store.Run("decision", "show", "invite-ukraine-open-question");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 row, 1 added.", run.Output, StringComparison.Ordinal);
        Assert.Equal("Blocking            DEU, SVK, USA", show.Line("Blocking"));
    }

    [Fact]
    public async Task import_positions_after_the_decision_concluded_is_refused_and_loads_nothing()
    {
        var file = _store.WriteFile("positions.csv", """
            ally_iso3,position,effective_date,source
            HUN,concur,2024-08-01,test
            """);

        var run = await _store.Run("import", "positions", file, "--decision", "invite-ukraine-washington-2024");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("concluded", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_positions_with_a_confidence_outside_the_vocabulary_names_the_line_and_the_column()
    {
        var file = _store.WriteFile("positions.csv", """
            ally_iso3,position,effective_date,source,confidence
            HUN,concur,2024-08-01,test,"claimed by Ukraine, not confirmed by this Ally"
            """);

        var run = await _store.Run("import", "positions", file, "--decision", "invite-ukraine-washington-2024");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("line 2", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Contains("confidence", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_positions_on_an_unknown_decision_is_refused()
    {
        var file = _store.WriteFile("positions.csv", "ally_iso3,position,effective_date\nHUN,concur,2024-08-01\n");

        var run = await _store.Run("import", "positions", file, "--decision", "no-such-decision");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no-such-decision", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_decisions_again_leaves_the_decisions_already_open_as_they_are()
    {
        var run = await _store.Run("import", "decisions", Path.Combine(AppContext.BaseDirectory, "data", "nato", "decisions.csv"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 added, 1 already in the store.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_of_a_file_that_does_not_exist_says_so_and_touches_no_store()
    {
        var run = await _store.Run("import", "summits", _store.FilePath("missing.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no file", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_store.Database));
    }

    [Fact]
    public async Task import_accession_of_a_file_with_one_bad_row_reports_its_line_and_loads_nothing()
    {
        await _store.Run("verify");
        var before = await Candidates();
        var file = _store.WriteFile("bosnia.csv", """
            candidate,candidate_name,step,party,stage,date,date_qualifier,source
            BIH,Bosnia and Herzegovina,application,,,2009-10-02,on,test
            BIH,Bosnia and Herzegovina,membershipActionPlan,,,2010-04-22,on,test
            BIH,Bosnia and Herzegovina,invitation,,,22 April 2010,on,test
            """);

        var run = await _store.Run("import", "accession", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 4, date: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 3", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was loaded from", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Candidates());
        Assert.Equal(RefusalKind.NotFound, await Bosnia());
    }

    [Fact]
    public async Task import_accession_of_a_json_file_with_a_step_out_of_order_names_it_and_loads_nothing()
    {
        await _store.Run("verify");
        var before = await Candidates();
        var file = _store.WriteFile("bosnia.json", """
            { "candidate": "BIH", "name": "Bosnia and Herzegovina", "steps": [
              { "step": "application", "date": "2009-10-02" },
              { "step": "protocolSigned", "date": "2010-05-01" } ] }
            """);

        var run = await _store.Run("import", "accession", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 2, step: Missing step: the political invitation", run.Error, StringComparison.Ordinal);
        Assert.Contains("bosnia.json: 1 problem.", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Candidates());
    }

    [Fact]
    public async Task import_accession_of_a_whole_path_loads_it_and_gives_its_computed_membership_date()
    {
        await _store.Run("verify");
        var file = _store.WriteFile("bosnia.csv", await BosniaToMembership());

        var run = await _store.Run("import", "accession", file);
        var show = await _store.Run("accession", "show", "BIH");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("BIH: Bosnia and Herzegovina has been an Ally since 2025-03-05.", run.Output, StringComparison.Ordinal);
        Assert.Equal("Member since      2025-03-05", show.Line("Member since"));
        Assert.Equal("Last ratifier     Türkiye (TUR), 2025-02-20", show.Line("Last ratifier"));
        Assert.Contains("BIH", await Candidates());
    }

    [Fact]
    public async Task import_accession_again_says_nothing_new_was_recorded()
    {
        var run = await _store.Run("import", "accession", Path.Combine(AppContext.BaseDirectory, "data", "nato", "accessions", "finland.csv"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("nothing new: every step is already in the store.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_procedures_of_a_file_with_a_bad_stage_reports_its_line_and_loads_nothing()
    {
        var file = _store.WriteFile("procedures.csv", """
            ally_iso3,stages,note,source
            HUN,committee;lowerHouse;deposit,test,test
            TUR,vote;deposit,test,test
            """);

        var run = await _store.Run("import", "procedures", file);
        var show = await _store.Run("accession", "show", "FIN", "--as-of", "2023-03-01");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 3, stages: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("committee", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task import_procedures_changes_the_stages_a_pending_party_is_shown_still_to_come()
    {
        var file = _store.WriteFile("procedures.csv", "ally_iso3,stages,note,source\nHUN,committee;lowerHouse;deposit,test,test\n");

        var run = await _store.Run("import", "procedures", file);
        var show = await _store.Run("accession", "show", "FIN", "--as-of", "2023-03-01");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 row, 1 added.", run.Output, StringComparison.Ordinal);
        Assert.Contains("committee", show.Output, StringComparison.Ordinal);
    }

    /// <summary>A candidate's whole path, written by the test: every Ally of 2025 approves, Türkiye last, then all deposit.</summary>
    private async Task<string> BosniaToMembership()
    {
        List<string> allies;
        await using (var store = await _store.Open())
            allies = await store.Db.Members.Where(m => m.Body == "NATO").Select(m => m.Code).OrderBy(c => c).ToListAsync(TestContext.Current.CancellationToken);
        var csv = new StringBuilder("candidate,candidate_name,step,party,stage,date\n");
        void Row(string step, string date, string party = "", string stage = "") => csv.Append($"BIH,Bosnia and Herzegovina,{step},{party},{stage},{date}\n");
        Row("application", "2009-10-02");
        Row("invitation", "2025-01-06");
        Row("protocolSigned", "2025-01-08");
        foreach (var ally in allies)
        {
            Row("ratification", ally == "TUR" ? "2025-02-20" : "2025-01-20", ally, "parliamentaryApproval");
            Row("ratification", ally == "TUR" ? "2025-03-03" : "2025-02-01", ally, "deposit");
        }
        Row("invitationToAccede", "2025-03-04");
        Row("accessionDeposited", "2025-03-05");
        return csv.ToString();
    }

    private async Task<List<string>> Candidates()
    {
        await using var store = await _store.Open();
        return [.. (await ListAccessions.Handle(store.Db, store.Clock, TestContext.Current.CancellationToken)).Select(a => a.Candidate).Order()];
    }

    private async Task<RefusalKind?> Bosnia()
    {
        await using var store = await _store.Open();
        var result = await GetAccession.Handle(store.Db, store.Clock, MemberCode.Parse("BIH"), null, TestContext.Current.CancellationToken);
        return result.Refusal?.Kind;
    }

    private async Task<List<string>> MemberCodes(string body = "NATO")
    {
        await using var store = await _store.Open();
        return await store.Db.Members.Where(m => m.Body == body).Select(m => m.Code).OrderBy(c => c)
            .ToListAsync(TestContext.Current.CancellationToken);
    }
}
