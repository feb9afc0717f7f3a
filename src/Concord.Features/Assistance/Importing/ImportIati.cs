using Concord.Domain;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Concord.Domain.Assistance;
using Concord.Domain.Members;
using Concord.Features.Importing;
using Concord.Features.Storage;
using NodaTime;
using NodaTime.Text;

namespace Concord.Features.Assistance.Importing;

/// <summary>
/// <c>concord assistance import iati FILE</c>: IATI activity XML v2.03. Each activity is one pledge per provider
/// ("{donor}-iati-{iati-identifier}"); its transactions are read: 12 and 13 (pledges) announce it, 2 and 11
/// (commitments) advance it to Committed, 3 (disbursement) records a delivery of the value (unit = currency). Other
/// transaction types are not assistance facts and are skipped. Category Humanitarian when the activity or the
/// transaction carries humanitarian="1", else Financial (IATI does not cover military equipment). The shape is
/// checked in code (no schema download; DTDs prohibited): a file with any fault stores nothing.
/// </summary>
public static class ImportIati
{
    private static readonly HashSet<string> Pledges = ["12", "13"], Commitments = ["2", "11"], Disbursements = ["3"];

    public static async Task<ImportReport> Handle(ConcordDbContext db, IClock clock, TextReader file, WriteContext who, CancellationToken ct)
    {
        if (PledgeWrites.Forbidden(who) is { } forbidden) return forbidden;
        XDocument doc;
        try
        {
            using var xml = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc = XDocument.Load(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return ImportReport.Failed(new ImportError(ex.LineNumber, null, $"The file is not well-formed XML: {ex.Message}"));
        }
        var errors = new List<ImportError>();
        var facts = Read(doc, errors, out var count);
        if (errors.Count > 0) return new ImportReport(count, 0, errors);
        return await ImportKiel.Store(db, clock, count, facts, "Revised by a later IATI file.", who, ct);
    }

    /// <summary>Checks the shape and reads the pledges; every fault goes to <paramref name="errors"/> with its line and element.</summary>
    public static IReadOnlyList<PledgeFacts> Read(XDocument doc, List<ImportError> errors, out int transactions)
    {
        transactions = 0;
        var root = doc.Root!;
        if (root.Name.LocalName != "iati-activities" || root.Name.NamespaceName.Length > 0)
        {
            errors.Add(new ImportError(Line(root), root.Name.LocalName, $"The root element must be <iati-activities>; got <{root.Name.LocalName}>."));
            return [];
        }
        if (root.Attribute("version")?.Value is not { } version || !version.StartsWith("2.0", StringComparison.Ordinal))
            errors.Add(new ImportError(Line(root), "iati-activities/@version", $"The IATI version must be 2.0x (2.03 is read); got '{root.Attribute("version")?.Value}'."));
        var activities = root.Elements("iati-activity").ToList();
        if (activities.Count == 0) errors.Add(new ImportError(Line(root), "iati-activity", "The file holds no <iati-activity>."));
        var result = new List<PledgeFacts>();
        foreach (var activity in activities)
        {
            var before = errors.Count;
            errors.AddRange(IatiNames.Misspelt(activity, Line));
            void Bad(XObject at, string element, string message) => errors.Add(new ImportError(Line(at), element, message));
            var identifier = activity.Element("iati-identifier")?.Value.Trim();
            if (string.IsNullOrEmpty(identifier)) Bad(activity, "iati-identifier", "An <iati-activity> needs an <iati-identifier>.");
            if (activity.Element("reporting-org") is null) Bad(activity, "reporting-org", "An <iati-activity> needs a <reporting-org>.");
            if (activity.Element("title") is null) Bad(activity, "title", "An <iati-activity> needs a <title>.");
            var defaultCurrency = activity.Attribute("default-currency")?.Value;
            var humanitarian = activity.Attribute("humanitarian")?.Value is "1" or "true";
            var recipient = Donors.Ukraine;
            if (activity.Element("recipient-country") is { } rc)
            {
                if (Donors.FromAlpha2(rc.Attribute("code")?.Value) is { } r) recipient = r;
                else Bad(rc, "recipient-country/@code", $"'{rc.Attribute("code")?.Value}' is not a recipient country Concord knows.");
            }
            // The title becomes the item line's name: free text, without control or invisible characters.
            var titled = Input.Text(activity.Element("title")?.Element("narrative")?.Value.Trim(), "title", 500);
            if (titled.Refusal is { } tr) Bad(activity.Element("title")!, "title/narrative", tr.Reason);
            var title = titled.Value;
            var pledges = new Dictionary<MemberCode, Builder>();
            foreach (var tx in activity.Elements("transaction"))
            {
                transactions++;
                var code = tx.Element("transaction-type")?.Attribute("code")?.Value;
                if (code is null) { Bad(tx, "transaction-type/@code", "A <transaction> needs <transaction-type code=\"…\"/>."); continue; }
                if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c is < 1 or > 13)
                { Bad(tx.Element("transaction-type")!, "transaction-type/@code", $"'{code}' is not an IATI transaction type (1-13)."); continue; }
                var dateElement = tx.Element("transaction-date");
                var date = Date(dateElement?.Attribute("iso-date")?.Value);
                if (date is null) Bad((XObject?)dateElement ?? tx, "transaction-date/@iso-date", $"'{dateElement?.Attribute("iso-date")?.Value}' is not an ISO date (YYYY-MM-DD).");
                var valueElement = tx.Element("value");
                decimal amount = 0;
                if (valueElement is null) Bad(tx, "value", "A <transaction> needs a <value>.");
                else if (ImportKiel.Amount(valueElement.Value.Trim()) is { } a) amount = a;
                else Bad(valueElement, "value", $"'{valueElement.Value.Trim()}' is not a positive amount.");
                var currency = valueElement?.Attribute("currency")?.Value ?? defaultCurrency;
                if (valueElement is not null && !Money.IsCurrency(currency))
                    Bad(valueElement, "value/@currency", currency is null ? "The value has no currency and the activity no default-currency." : $"'{currency}' is not a known currency code.");
                var valueDate = Date(valueElement?.Attribute("value-date")?.Value);
                if (valueElement is not null && valueDate is null)
                    Bad(valueElement, "value/@value-date", $"'{valueElement.Attribute("value-date")?.Value}' is not an ISO date (YYYY-MM-DD).");
                var provider = tx.Element("provider-org") ?? activity.Element("reporting-org");
                var providerRef = provider?.Attribute("ref")?.Value;
                var donor = providerRef is { Length: >= 2 } ? Donors.FromAlpha2(providerRef[..2]) : null;
                if (donor is null)
                    Bad((XObject?)provider ?? tx, "provider-org/@ref", $"'{providerRef}' does not name a recognised donor state (an identifier such as GB-GOV-1 starts with the state's ISO code).");
                if (errors.Count > before || !(Pledges.Contains(code) || Commitments.Contains(code) || Disbursements.Contains(code))) continue;
                var money = new Money(amount, currency!, valueDate!.Value, ValuationMethod.Stated);
                var b = pledges.TryGetValue(donor!.Value, out var found) ? found : pledges[donor.Value] = new Builder(donor.Value);
                b.Humanitarian |= humanitarian || tx.Attribute("humanitarian")?.Value is "1" or "true";
                b.Provider ??= provider?.Element("narrative")?.Value.Trim();
                b.Receiver ??= tx.Element("receiver-org")?.Element("narrative")?.Value.Trim();
                var description = tx.Element("description")?.Element("narrative")?.Value.Trim();
                if (Pledges.Contains(code)) b.Pledges.Add((date!.Value, money, description));
                else if (Commitments.Contains(code)) b.Commitments.Add((date!.Value, money, description));
                else b.Deliveries.Add(new RecordDeliveryCommand(date!.Value, [new ItemLine(title ?? identifier!, amount, currency!)], money,
                    $"IATI activity {identifier}", FigureBasis.Reported, description));
            }
            if (errors.Count > before) continue;
            foreach (var b in pledges.Values)
            {
                // Announced by the earliest pledge (or, without one, the earliest commitment); the value is what was pledged,
                // else what was committed; commitments advance it to Committed on the first commitment's date.
                var basis = b.Pledges.Count > 0 ? b.Pledges : b.Commitments;
                if (basis.Count == 0) continue;
                var currencies = basis.Select(p => p.Value.Currency).Distinct().ToList();
                var first = basis.MinBy(p => p.On);
                var value = currencies.Count == 1 ? first.Value with { Amount = Quantities.Sum(basis.Select(p => p.Value.Amount)) } : first.Value;
                var id = new PledgeId($"{b.Donor.Value}-iati-{ImportKiel.Slug(identifier!)}");
                var note = string.Join("; ", new[] { b.Provider, b.Receiver is null ? null : "to " + b.Receiver, first.Description }.OfType<string>());
                var announced = new AnnouncePledgeCommand(id, b.Donor, recipient, first.On, b.Humanitarian ? AssistanceCategory.Humanitarian : AssistanceCategory.Financial,
                    [new ItemLine(title ?? identifier!, value.Amount, value.Currency)], value, null, $"IATI activity {identifier}", FigureBasis.Reported,
                    note.Length == 0 ? null : note);
                var committed = b.Commitments.Count > 0;
                result.Add(new PledgeFacts(announced, committed ? PledgeStatus.Committed : PledgeStatus.Announced,
                    committed ? b.Commitments.Min(p => p.On) : first.On, [.. b.Deliveries.OrderBy(d => d.On)], Line(activity)));
            }
        }
        return result;
    }

    private static LocalDate? Date(string? text) =>
        text is not null && LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } d && Input.IsInYears(d.Value) ? d.Value : null;

    private static int Line(XObject o) => o is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private sealed class Builder(MemberCode donor)
    {
        public MemberCode Donor { get; } = donor;
        public bool Humanitarian { get; set; }
        public string? Provider { get; set; }
        public string? Receiver { get; set; }
        public List<(LocalDate On, Money Value, string? Description)> Pledges { get; } = [];
        public List<(LocalDate On, Money Value, string? Description)> Commitments { get; } = [];
        public List<RecordDeliveryCommand> Deliveries { get; } = [];
    }
}
