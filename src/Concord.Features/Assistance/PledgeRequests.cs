using Concord.Domain;
using Concord.Domain.Assistance;
using NodaTime;

namespace Concord.Features.Assistance;

/// <summary>A line as sent: item, quantity, unit.</summary>
/// <remarks><c>Undisclosed</c>: no source gave the quantity; send none, and it is stored as unknown (never 0) and in no total.</remarks>
public sealed record ItemRequest(string? Item = null, decimal? Quantity = null, string? Unit = null, bool? Undisclosed = null);

/// <summary>A value as sent: amount, ISO 4217 currency, the date it was valued on (defaults to the event's date) and the method (stated by default).</summary>
public sealed record MoneyRequest(decimal? Amount = null, string? Currency = null, string? ValuedOn = null, string? Method = null);

/// <summary>A new pledge. Without an id one is made from the donor, the first item and the month: "DEU-iris-t-slm-2022-06".</summary>
public sealed record AnnounceRequest(string? Id = null, string? Donor = null, string? Recipient = null, string? Announced = null, string? Category = null,
    IReadOnlyList<ItemRequest>? Items = null, MoneyRequest? Value = null, string? PromisedBy = null, string? Source = null, string? Basis = null, string? Note = null,
    IReadOnlyList<string>? CoDonors = null);

/// <summary>A move up the ladder: committed, allocated, contracted or inTransit, on a date.</summary>
public sealed record AdvanceRequest(string? Status = null, string? On = null, string? Source = null, string? Note = null);

/// <summary>A delivery: the date, the items and quantities that arrived, their value if known.</summary>
/// <remarks>
/// <c>on</c> is read with <c>dateQualifier</c> as every dated fact is: a day (<c>on</c>, the default), <c>onOrBefore</c> (a public
/// confirmation, which bounds the arrival), <c>month</c> (YYYY-MM) or <c>between</c> (YYYY-MM-DD/YYYY-MM-DD). <c>extent</c> says
/// what arrived: <c>items</c> (the default: the quantities listed), <c>some</c> (part, in a number no source stated) or
/// <c>rest</c> (everything still outstanding); the last two list no items.
/// </remarks>
public sealed record DeliveryRequest(string? On = null, IReadOnlyList<ItemRequest>? Items = null, MoneyRequest? Value = null, string? Source = null, string? Basis = null, string? Note = null,
    string? DateQualifier = null, string? Extent = null);

/// <summary>An amendment: new items (the whole list), value or promised date, from a date.</summary>
public sealed record AmendRequest(string? On = null, IReadOnlyList<ItemRequest>? Items = null, MoneyRequest? Value = null, string? PromisedBy = null, string? Source = null, string? Note = null);

/// <summary>A cancellation on a date, with the reason.</summary>
public sealed record CancelRequest(string? On = null, string? Reason = null, string? Source = null);

/// <summary>Turns requests into pledge commands, naming the field at fault.</summary>
internal static class PledgeInput
{
    /// <param name="undisclosedAllowed">Only an announcement takes a line of undisclosed quantity (it reads them with <see cref="Undisclosed"/>); elsewhere one is refused.</param>
    public static Result<IReadOnlyList<ItemLine>?> Items(IReadOnlyList<ItemRequest>? items, string field, bool required, bool undisclosedAllowed = false)
    {
        if (items is null) return required ? Refusal.Invalid(field, $"'{field}' needs at least one line (item, quantity, unit).") : new Result<IReadOnlyList<ItemLine>?>(null, null);
        var lines = new List<ItemLine>();
        for (var i = 0; i < items.Count; i++)
        {
            var it = items[i];
            if (it.Undisclosed == true)
            {
                if (undisclosedAllowed) continue;
                return Refusal.Invalid($"{field}[{i}].undisclosed", $"Line {i + 1}: only a pledge's announcement takes an undisclosed quantity; a delivery or an amendment gives the quantity.");
            }
            if (it.Quantity is null) return Refusal.Invalid($"{field}[{i}].quantity", $"Line {i + 1} has no quantity.");
            var name = Input.Name(it.Item, $"{field}[{i}].item", 200, required: true);
            if (name.Refusal is { } n) return n;
            var unit = Input.Name(it.Unit, $"{field}[{i}].unit", 40, required: true);
            if (unit.Refusal is { } u) return u;
            lines.Add(new ItemLine(name.Value!, it.Quantity.Value, unit.Value!));
        }
        if (Pledge.CheckLines(lines, field, required) is { } bad) return bad;
        return new Result<IReadOnlyList<ItemLine>?>(lines, null);
    }

    public static Result<Money?> Money(MoneyRequest? value, LocalDate eventDate, string field, LocalDate today)
    {
        if (value is null) return new Result<Money?>(null, null);
        if (value.Amount is null) return Refusal.Invalid($"{field}.amount", $"'{field}.amount' is required with a value.");
        var currency = value.Currency?.Trim().ToUpperInvariant();
        if (!Domain.Assistance.Money.IsCurrency(currency))
            return Refusal.Invalid($"{field}.currency", $"'{value.Currency}' is not a currency Concord knows; use an ISO 4217 code such as EUR, USD, GBP.");
        var valuedOn = eventDate;
        if (value.ValuedOn is not null)
        {
            var d = Input.PastDate(value.ValuedOn, $"{field}.valuedOn", today);
            if (d.Refusal is { } r) return r;
            valuedOn = d.Value;
        }
        var method = ValuationMethod.Stated;
        if (value.Method is not null)
        {
            var m = Input.Enum<ValuationMethod>(value.Method, $"{field}.method");
            if (m.Refusal is { } r) return r;
            method = m.Value;
        }
        var money = new Money(value.Amount.Value, currency!, valuedOn, method);
        if (Pledge.CheckMoney(money, field) is { } bad) return bad;
        return new Result<Money?>(money, null);
    }

    /// <summary>The lines sent with <c>undisclosed: true</c> (and no quantity): items whose quantity no source gave.</summary>
    public static Result<IReadOnlyList<UndisclosedItem>?> Undisclosed(IReadOnlyList<ItemRequest>? items, string field)
    {
        var hidden = new List<UndisclosedItem>();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var it = items![i];
            if (it.Undisclosed != true) continue;
            if (it.Quantity is not null) return Refusal.Invalid($"{field}[{i}].quantity", $"Line {i + 1} is undisclosed; send no quantity with it.");
            var name = Input.Name(it.Item, $"{field}[{i}].item", 200, required: true);
            if (name.Refusal is { } n) return n;
            var unit = Input.Name(it.Unit, $"{field}[{i}].unit", 40, required: true);
            if (unit.Refusal is { } u) return u;
            hidden.Add(new UndisclosedItem(name.Value!, unit.Value!));
        }
        return new Result<IReadOnlyList<UndisclosedItem>?>(hidden.Count == 0 ? null : hidden, null);
    }

    /// <summary>The other donors of a joint pledge, each a recognised state (or EUU), named by its index on a fault.</summary>
    public static Result<IReadOnlyList<Domain.Members.MemberCode>?> CoDonors(IReadOnlyList<string>? codes)
    {
        var list = new List<Domain.Members.MemberCode>();
        for (var i = 0; i < (codes?.Count ?? 0); i++)
        {
            var field = $"coDonors[{i}]";
            var d = Input.Member(codes![i], field);
            if (d.Refusal is { } r) return r;
            if (!Importing.Donors.IsRecognised(d.Value)) return Refusal.Invalid(field, $"'{d.Value}' is not a recognised state (ISO 3166-1 alpha-3), nor EUU for the EU institutions.");
            list.Add(d.Value);
        }
        return new Result<IReadOnlyList<Domain.Members.MemberCode>?>(list.Count == 0 ? null : list, null);
    }

    /// <summary>A promised period sent as an ISO 8601 interval "start/end"; null for a single date (a deadline) or none.</summary>
    public static Result<DateWindow?> PromisedPeriod(string? text, string field, LocalDate today)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.Contains('/', StringComparison.Ordinal)) return new Result<DateWindow?>(null, null);
        var parts = text.Split('/');
        if (parts.Length != 2) return Refusal.Invalid(field, $"'{field}' is a date or an interval start/end (YYYY-MM-DD/YYYY-MM-DD).");
        var from = Input.AheadDate(parts[0], field, today);
        if (from.Refusal is { } fr) return fr;
        var to = Input.AheadDate(parts[1], field, today);
        if (to.Refusal is { } tr) return tr;
        if (to.Value < from.Value) return Refusal.Invalid(field, $"The interval '{text.Trim()}' ends before it starts.");
        return new Result<DateWindow?>(DateWindow.Between(from.Value, to.Value), null);
    }

    /// <summary>A promised date, when given: up to 100 years ahead (a promise may lie in the future).</summary>
    public static Result<LocalDate?> OptionalDate(string? text, string field, LocalDate today)
    {
        if (string.IsNullOrWhiteSpace(text)) return new Result<LocalDate?>(null, null);
        var d = Input.AheadDate(text, field, today);
        if (d.Refusal is { } r) return r;
        return new Result<LocalDate?>(d.Value, null);
    }

    /// <summary>A category in words ("airDefence", "ammunition-155mm"); unlike <see cref="Input.Enum{TEnum}"/> it accepts digits.</summary>
    public static Result<AssistanceCategory> Category(string? text, string field = "category")
    {
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid(field, $"'{field}' is required.");
        var normalized = new string([.. text.Where(c => c is not ('-' or '_' or ' '))]);
        if (normalized.All(char.IsAsciiLetterOrDigit) && !normalized.All(char.IsAsciiDigit)
            && Enum.TryParse<AssistanceCategory>(normalized, ignoreCase: true, out var value)) return value;
        return Refusal.Invalid(field, $"'{field}' must be one of {string.Join(", ", Enum.GetNames<AssistanceCategory>().Select(Words.Camel))}; got '{(text.Length > 40 ? text[..40] + "…" : text)}'.");
    }

    public static Result<FigureBasis> Basis(string? text) =>
        string.IsNullOrWhiteSpace(text) ? new Result<FigureBasis>(FigureBasis.Reported, null) : Input.Enum<FigureBasis>(text, "basis");

    /// <summary>A readable id: the donor, a dash, letters, digits and dashes, e.g. "DEU-iris-t-slm-2022-06".</summary>
    public static Result<PledgeId> Id(string? text, Domain.Members.MemberCode donor)
    {
        var t = text?.Trim() ?? "";
        if (t.Length is 0 or > 120 || !t.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || !t.StartsWith(donor.Value + "-", StringComparison.Ordinal) || t.Length == 4)
            return Refusal.Invalid("id", $"A pledge id is the donor, a dash and a key of letters, digits and dashes (at most 120 characters), e.g. {donor}-iris-t-slm-2022-06; got '{(t.Length > 40 ? t[..40] + "…" : t)}'.");
        return new PledgeId(t);
    }

    /// <summary>The id made for a pledge sent without one: donor, the first item as a slug, the month announced.</summary>
    public static string MakeId(Domain.Members.MemberCode donor, string item, LocalDate announced)
    {
        var slug = new string([.. item.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        slug = slug.Trim('-');
        if (slug.Length > 60) slug = slug[..60].TrimEnd('-');
        return $"{donor}-{(slug.Length == 0 ? "pledge" : slug)}-{announced:yyyy-MM}";
    }
}
