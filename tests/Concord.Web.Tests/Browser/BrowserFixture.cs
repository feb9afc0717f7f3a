using Microsoft.Playwright;

namespace Concord.Web.Tests.Browser;

/// <summary>
/// One headless Debian Chromium for every browser test (a collection fixture), driven by Playwright's bundled
/// driver: nothing is downloaded. Without <c>/usr/bin/chromium</c> the tests skip on a developer's machine and
/// fail under CI (<c>CI=true</c>), so a missing install step turns CI red.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the browser tests skip here, or null when the browser runs.</summary>
    public string? SkipReason { get; private set; }

    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            var reason = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium, or run scripts/test as root).";
            if (UnderCi) throw new InvalidOperationException($"Browser tests cannot run under CI: {reason}");
            SkipReason = reason;
            return;
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs,
        });
    }

    /// <summary>The shared browser; skips the calling test when Chromium is missing outside CI.</summary>
    public IBrowser Browser
    {
        get
        {
            if (SkipReason is not null) Assert.Skip(SkipReason);
            return _browser ?? throw new InvalidOperationException("The browser fixture was not initialised.");
        }
    }

    /// <summary>A fresh context (its own cookies, so its own Blazor circuit) on the app at <paramref name="baseUrl"/>.</summary>
    public async Task<IBrowserContext> NewContext(Uri baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, Locale = "en-GB",
            TimezoneId = "Europe/Brussels",
        });
        context.SetDefaultTimeout(15_000);
        // Assertions wait as long as actions do: on a loaded 2-core machine a sign-in and its redirect took over 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Browser test classes share one <see cref="BrowserFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
