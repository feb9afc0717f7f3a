using System.Net;
using System.Net.Sockets;
using Concord.Domain;

namespace Concord.Features.Following.Webhooks;

/// <summary>
/// Where a webhook may send: http(s) to a public address. Checked when it is registered and again on every connection
/// (<see cref="Connect"/>), so a name that resolved to a public address then cannot later lead Concord into its own
/// network (DNS rebinding), unless <see cref="WebhookOptions.AllowPrivateNetworks"/> says so.
/// </summary>
public static class WebhookAddresses
{
    public const int MaxUrlLength = 2000;

    /// <summary>Loopback, unspecified, private (RFC 1918), shared (RFC 6598), link-local, unique-local, multicast or broadcast.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || b[0] >= 224
                || b[0] == 100 && b[1] is >= 64 and < 128
                || b[0] == 169 && b[1] == 254
                || b[0] == 172 && b[1] is >= 16 and < 32
                || b[0] == 192 && b[1] == 168
                || b[0] == 192 && b[1] == 0 && b[2] == 0;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xfe) == 0xfc;
        }
        return true;
    }

    /// <summary>
    /// The URL, checked: absolute http or https, no credentials in it, and (unless private networks are allowed) not a
    /// private address nor a name that resolves to one now. A name that does not resolve yet is accepted: every connection is checked.
    /// </summary>
    public static async Task<Result<Uri>> Check(string? url, bool allowPrivate, CancellationToken ct)
    {
        var text = url?.Trim() ?? "";
        if (text.Length == 0) return Refusal.Invalid("url", "Give the URL Concord should POST to, e.g. https://example.org/concord.");
        if (text.Length > MaxUrlLength) return Refusal.Invalid("url", $"A webhook URL has at most {MaxUrlLength} characters.");
        // Uri would percent-encode a control character and store something other than what was typed: refused, as in all text.
        if (text.Any(char.IsControl)) return Refusal.Invalid("url", "A webhook URL holds a control character; type the address as it is.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            return Refusal.Invalid("url", $"A webhook URL is an absolute http or https address; got '{Input.Clip(Input.Visible(text))}'.");
        if (uri.UserInfo.Length > 0) return Refusal.Invalid("url", "A webhook URL carries no user name or password: the receiver checks the X-Concord-Signature header instead.");
        if (!string.IsNullOrEmpty(uri.Fragment)) return Refusal.Invalid("url", "A webhook URL has no #fragment: it is never sent.");
        if (allowPrivate) return uri;
        var host = uri.IdnHost;
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
            return IPAddress.TryParse(host.Trim('[', ']'), out var literal) && IsPrivate(literal) ? Private(uri.Host) : uri;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return Private(uri.Host);
        IPAddress[] resolved;
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(TimeSpan.FromSeconds(3));
            resolved = await Dns.GetHostAddressesAsync(host, wait.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return uri;
        }
        return resolved.Any(IsPrivate) ? Private(uri.Host) : uri;
    }

    private static Refusal Private(string host) =>
        Refusal.Invalid("url", $"'{Input.Clip(Input.Visible(host))}' is a loopback or private-network address, which webhooks may not reach unless Concord:Webhooks:AllowPrivateNetworks is set.");

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host and connects only to the addresses allowed,
    /// so the check holds on every connection (never through a proxy, which would connect for us).
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(bool allowPrivate) => async (context, ct) =>
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"refused: {endpoint.Host} resolves only to loopback or private-network addresses");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };

    /// <summary>The handler every webhook request goes through: the address check, no proxy, no redirects, no cookies.</summary>
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        ConnectCallback = Connect(allowPrivate),
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };
}
