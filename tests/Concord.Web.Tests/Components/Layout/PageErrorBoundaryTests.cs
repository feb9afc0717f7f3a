using Bunit;
using Concord.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;

namespace Concord.Web.Tests.Components.Layout;

public sealed class PageErrorBoundaryTests : BunitContext
{
    private readonly CapturedLogs _logs = new();

    public PageErrorBoundaryTests()
    {
        Services.AddMudServices();
        Services.AddLogging(b => b.AddProvider(_logs));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private const string Secret = "position of DEU on invite-ukraine: Object (NATO SECRET)";

    /// <summary>A page part that fails with a message carrying a stored value.</summary>
    private sealed class Failing : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException(Secret);
    }

    [Fact]
    public void a_failing_page_shows_a_reference_and_not_the_exception_message()
    {
        var boundary = Render<PageErrorBoundary>(p => p.AddChildContent<Failing>());

        var reference = boundary.Find("[data-testid=page-error-reference]").TextContent;
        Assert.DoesNotContain(Secret, boundary.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), boundary.Markup, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", reference);
        Assert.Equal(reference, boundary.Instance.Reference);
    }

    [Fact]
    public void the_failure_is_logged_once_with_its_exception_under_the_reference_shown()
    {
        var boundary = Render<PageErrorBoundary>(p => p.AddChildContent<Failing>());

        var entry = Assert.Single(_logs.Entries, e => e.Exception is InvalidOperationException { Message: Secret });
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains(boundary.Instance.Reference!, entry.Message, StringComparison.Ordinal);
    }
}
