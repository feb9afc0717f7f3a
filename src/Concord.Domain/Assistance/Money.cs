using NodaTime;

namespace Concord.Domain.Assistance;

/// <summary>How a value was arrived at: stated by the donor, from a price list, or estimated.</summary>
public enum ValuationMethod { Stated, PriceList, Estimated }

/// <summary>
/// An amount in a currency, valued on a date by a method (issue 6: "Money with currency and valuation date and
/// method"). Amounts are never converted silently: sums are per currency.
/// </summary>
public sealed record Money(decimal Amount, string Currency, LocalDate ValuedOn, ValuationMethod Method)
{
    /// <summary>ISO 4217 codes accepted for assistance values (the donors' and the trackers' currencies).</summary>
    public static readonly IReadOnlySet<string> Currencies = new HashSet<string>(StringComparer.Ordinal)
    {
        "EUR", "USD", "GBP", "CAD", "NOK", "SEK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN", "CHF", "JPY", "AUD", "NZD",
        "KRW", "TRY", "ISK", "UAH", "MKD", "ALL",
    };

    public static bool IsCurrency(string? code) => code is not null && Currencies.Contains(code);
}
