using Microsoft.JSInterop;
using NodaTime;

namespace Concord.Web.Components.Shared;

/// <summary>
/// The viewer's time zone, asked once per circuit from the browser (Intl's IANA name) and resolved with NodaTime's
/// tz database, so local times are computed on the server exactly as Brussels times are.
/// </summary>
public sealed class ViewerZone(IJSRuntime js)
{
    private Task<DateTimeZone?>? _zone;

    /// <summary>The zone, or null when the browser has not told it (prerendering, or an unknown name).</summary>
    public Task<DateTimeZone?> Get() => _zone ??= Ask();

    private async Task<DateTimeZone?> Ask()
    {
        try
        {
            var name = await js.InvokeAsync<string?>("concord.timeZone");
            return name is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(name);
        }
        catch (JSException) { return null; }
        catch (InvalidOperationException) { _zone = null; return null; } // called while prerendering: ask again later
    }
}
