using MudBlazor;

namespace Concord.Web.Components.Layout;

/// <summary>Concord's palette: NATO-like blues; position colours live in app.css, beside their icons and words.</summary>
public static class ConcordTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#003e7e",
            Secondary = "#5c6bc0",
            AppbarBackground = "#003e7e",
            Background = "#f7f8fa",
            DrawerBackground = "#ffffff",
            // Darker than MudBlazor's default red so error text and outlined buttons reach 4.5:1 on white (WCAG AA).
            Error = "#c62828",
        },
    };
}
