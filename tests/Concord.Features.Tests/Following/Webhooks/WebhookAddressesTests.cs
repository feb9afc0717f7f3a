using System.Net;
using Concord.Features.Following.Webhooks;

namespace Concord.Features.Tests.Following.Webhooks;

public sealed class WebhookAddressesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1"), InlineData("127.8.9.10"), InlineData("::1"), InlineData("0.0.0.0"), InlineData("::")]
    [InlineData("10.1.2.3"), InlineData("172.16.0.1"), InlineData("172.31.255.254"), InlineData("192.168.1.1"), InlineData("100.64.0.1")]
    [InlineData("169.254.169.254"), InlineData("fe80::1"), InlineData("fd00::1"), InlineData("fc12::5"), InlineData("224.0.0.1"), InlineData("255.255.255.255")]
    [InlineData("::ffff:10.0.0.1"), InlineData("::ffff:127.0.0.1")]
    public void a_loopback_private_link_local_or_unique_local_address_is_private(string address) =>
        Assert.True(WebhookAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("203.0.113.5"), InlineData("8.8.8.8"), InlineData("172.32.0.1"), InlineData("100.128.0.1"), InlineData("2001:db8::1"), InlineData("::ffff:8.8.4.4")]
    public void a_public_address_is_not_private(string address) =>
        Assert.False(WebhookAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("", "Give the URL")]
    [InlineData("ftp://203.0.113.5/hook", "absolute http or https")]
    [InlineData("/hooks/concord", "absolute http or https")]
    [InlineData("javascript:alert(1)", "absolute http or https")]
    [InlineData("https://user:secret@203.0.113.5/hook", "no user name or password")]
    [InlineData("https://203.0.113.5/hook#part", "no #fragment")]
    [InlineData("https://203.0.113.5/hook\u0007", "control character")]
    [InlineData("http://127.0.0.1:8080/hook", "loopback or private-network")]
    [InlineData("http://[::1]/hook", "loopback or private-network")]
    [InlineData("http://10.0.0.7/hook", "loopback or private-network")]
    [InlineData("http://169.254.169.254/latest/meta-data", "loopback or private-network")]
    [InlineData("http://localhost:5000/hook", "loopback or private-network")]
    [InlineData("http://intranet.localhost/hook", "loopback or private-network")]
    [InlineData("http://0x7f000001/hook", "loopback or private-network")]
    public async Task a_url_that_is_not_http_or_that_points_at_a_private_network_is_refused_naming_the_url(string url, string reason)
    {
        var checkedUrl = await WebhookAddresses.Check(url, allowPrivate: false, Ct);

        Assert.Equal("url", checkedUrl.Refusal?.Field);
        Assert.Contains(reason, checkedUrl.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://203.0.113.5/hook"), InlineData("http://[2001:db8::1]:8443/concord")]
    public async Task a_public_http_or_https_url_is_accepted(string url) =>
        Assert.Null((await WebhookAddresses.Check(url, allowPrivate: false, Ct)).Refusal);

    [Fact]
    public async Task a_private_address_is_accepted_when_private_networks_are_allowed() =>
        Assert.Null((await WebhookAddresses.Check("http://127.0.0.1:8080/hook", allowPrivate: true, Ct)).Refusal);
}
