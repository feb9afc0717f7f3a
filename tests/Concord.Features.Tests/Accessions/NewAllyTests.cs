using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Domain.Members;
using Concord.Features.Accessions;
using Concord.Features.Members;
using static Concord.Features.Tests.Accessions.Candidates;

namespace Concord.Features.Tests.Accessions;

/// <summary>
/// A pending protocol needs acceptance from every current Party: an Ally that joins while it is pending must
/// deposit too, as Finland ratified Sweden's protocol on the day it joined (domain.md §2).
/// </summary>
public sealed class NewAllyTests
{
    private const string ThroughItsOwnAccession = "its own accession";
    private const string ThroughAnImportOfMembers = "an import of members";

    public static TheoryData<StoreKind, string> Ways()
    {
        var data = new TheoryData<StoreKind, string>();
        foreach (var kind in new[] { StoreKind.Sqlite, StoreKind.Postgres })
            foreach (var way in new[] { ThroughItsOwnAccession, ThroughAnImportOfMembers }) data.Add(kind, way);
        return data;
    }

    [Theory, MemberData(nameof(Ways))]
    public async Task a_protocol_pending_when_a_new_ally_joins_is_not_in_force_until_the_new_ally_deposits_as_finland_ratified_swedens(StoreKind kind, string admitted)
    {
        await using var store = await WithAllies(kind);
        // Serbia's protocol is signed by the 32 Allies on 2025-01-15; all but Hungary deposit by 2025-02-20.
        await ImportValid(store, Csv("SRB", "Serbia",
            [Step("invitation", "2025-01-10"), Step("protocolSigned", "2025-01-15"), .. Deposits(PartiesOn("2025-01-15", "HUN"), "2025-02-20")]));
        // Austria joins on 2025-03-10, while Serbia's protocol is pending.
        await AdmitAustria(store, admitted);
        // Hungary deposits on 2025-04-01: every Party of the day of signature has now deposited.
        await Recorded(store, "SRB", Deposit("HUN", "2025-04-01"));

        var beforeAustria = (await Get(store, "SRB", "2025-03-09")).Status;
        Assert.Equal(32, beforeAustria.Parties.Count);
        // Hungary's deposit of 2025-04-01 is an act dated after 2025-03-09: pending on that day.
        Assert.Equal(["HUN"], beforeAustria.Pending.Select(p => p.Value));

        var pending = (await Get(store, "SRB", "2025-04-01")).Status;
        Assert.Null(pending.EnteredIntoForce);
        Assert.Equal(33, pending.Parties.Count);
        // Nothing recorded of Austria's procedure: not known.
        Assert.Equal(["AUT"], pending.NotKnown.Select(p => p.Value));
        Assert.Equal("ratification", pending.Stage);

        var tooEarly = await Record(store, "SRB", Deposit("AUT", "2025-03-09"));
        Assert.Equal("Austria was not yet a Party on 2025-03-09; it joined on 2025-03-10.", tooEarly.Refusal?.Reason);
        var notInForce = await Record(store, "SRB", Step("accessionDeposited", "2025-04-10"));
        Assert.Equal("Missing step: the protocol is not in force on 2025-04-10; not yet deposited: Austria.", notInForce.Refusal?.Reason);

        // Austria's first act as an Ally on Serbia's protocol is its deposit: the protocol enters into force that day.
        await Recorded(store, "SRB", Deposit("AUT", "2025-04-15"));

        Assert.Null((await Get(store, "SRB", "2025-04-14")).Status.EnteredIntoForce);
        var inForce = (await Get(store, "SRB")).Status;
        Assert.Equal(DateWindow.On(Date("2025-04-15")), inForce.EnteredIntoForce);
        Assert.Equal(33, inForce.Parties.Count);
        Assert.Empty(inForce.Pending);
        Assert.Empty(inForce.NotKnown);

        var member = await Recorded(store, "SRB", Step("invitationToAccede", "2025-04-16"), Step("accessionDeposited", "2025-04-22"));
        Assert.Equal(DateWindow.On(Date("2025-04-22")), member.Status.MemberSince);
        await using var db = store.NewContext();
        var nato = await Concord.Features.Members.Bodies.Load(db, Body.Nato, TestContext.Current.CancellationToken);
        Assert.Equal(34, nato!.EligibleOn(Date("2025-04-22")).Count);
        Assert.Equal(Date("2025-04-22"), nato.Find(MemberCode.Parse("SRB"))!.Since);
    }

    [Theory]
    [InlineData(ThroughItsOwnAccession)]
    [InlineData(ThroughAnImportOfMembers)]
    public async Task the_list_of_accessions_follows_a_new_ally_on_a_protocol_it_must_ratify(string admitted)
    {
        await using var store = await WithAllies(StoreKind.Sqlite);
        await ImportValid(store, Csv("SRB", "Serbia",
            [Step("invitation", "2025-01-10"), Step("protocolSigned", "2025-01-15"), .. Deposits(PartiesOn("2025-01-15", "HUN"), "2025-02-20"),
                Deposit("HUN", "2025-04-01")]));

        await AdmitAustria(store, admitted);

        var view = (await Get(store, "SRB")).Status;
        Assert.Null(view.EnteredIntoForce);
        await using var db = store.NewContext();
        var row = (await ListAccessions.Handle(db, store.Clock, TestContext.Current.CancellationToken)).Single(r => r.Candidate == "SRB");
        Assert.Equal((view.Stage, view.Parties.Count, "AUT", (string?)null), (row.Stage, row.Parties, row.NotKnown, row.EnteredIntoForce));
    }

    /// <summary>Austria joins on 2025-03-10: by depositing its instrument of accession, or by an import of members.</summary>
    private static async Task AdmitAustria(TestStore store, string admitted)
    {
        if (admitted == ThroughItsOwnAccession)
        {
            await ImportValid(store, Csv("AUT", "Austria",
                [Step("invitation", "2025-01-10"), Step("protocolSigned", "2025-01-15"), .. Deposits(PartiesOn("2025-01-15"), "2025-02-20"),
                    Step("invitationToAccede", "2025-02-21"), Step("accessionDeposited", "2025-03-10")]));
            Assert.Equal(DateWindow.On(Date("2025-03-10")), (await Get(store, "AUT")).Status.MemberSince);
            return;
        }
        await using var db = store.NewContext();
        var report = await ImportMembers.Handle(db, store.Clock, new StringReader("country,iso_alpha3,accession_date\nAustria,AUT,2025-03-10\n"), Body.Nato,
            new WriteContext("test"), TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    private static async Task ImportValid(TestStore store, string csv)
    {
        var report = await Import(store, csv);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }
}
