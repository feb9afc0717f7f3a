using Bunit;
using Concord.Domain;
using Concord.Domain.Accession;
using Concord.Features.Accessions;
using StepsList = Concord.Web.Components.Accessions.AccessionSteps;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NodaTime;

namespace Concord.Web.Tests.Components.Accessions;

/// <summary>A step's source is a link only when it is an http(s) one; anything else stored is shown as plain text.</summary>
public sealed class AccessionStepsTests : BunitContext
{
    public AccessionStepsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static StepView Step(string source) =>
        new(AccessionStep.Application, DateWindow.On(new LocalDate(2022, 5, 18)), null, null, null, null, source, null, null);

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    public void a_source_stored_with_another_scheme_is_shown_as_text_not_as_a_link(string source)
    {
        var steps = Render<StepsList>(p => p.Add(s => s.Steps, new[] { Step(source) }));

        Assert.DoesNotContain(steps.FindAll("a[href]"), a => a.GetAttribute("href")!.Contains(':', StringComparison.Ordinal));
        Assert.Contains(source, steps.Find(".history-meta").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void an_https_source_is_a_link()
    {
        var steps = Render<StepsList>(p => p.Add(s => s.Steps, new[] { Step("https://www.nato.int/cps/en/natohq/news_213448.htm") }));

        Assert.Equal("https://www.nato.int/cps/en/natohq/news_213448.htm", steps.Find(".history-meta a").GetAttribute("href"));
    }
}
