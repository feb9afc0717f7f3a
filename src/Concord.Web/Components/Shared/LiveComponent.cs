using Concord.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace Concord.Web.Components.Shared;

/// <summary>
/// A page that reloads itself when the event log grows (anyone's write, on any instance sharing the store).
/// Subclasses load their data in <see cref="Load"/>; it runs once on start and again after each change.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private bool _loading;
    private bool _again;
    private bool _subscribed;

    [Inject] protected LogWatcher Watcher { get; set; } = null!;

    [Inject] protected ConcordStore Store { get; set; } = null!;

    /// <summary>The circuit's authentication: reads go through <see cref="ConcordStore.Read"/> with it, as the signed-in account.</summary>
    [Inject] protected Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider Auth { get; set; } = null!;

    [Inject] private ILogger<LiveComponent> Log { get; set; } = null!;

    protected abstract Task Load();

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            Watcher.Grew += OnLogGrew;
            _subscribed = true;
        }
        await Load();
    }

    /// <summary>Reloads now (after this page's own write, without waiting for the watcher).</summary>
    protected Task Reload() => InvokeAsync(Refresh);

    private void OnLogGrew(long head) => _ = InvokeAsync(Refresh);

    private async Task Refresh()
    {
        if (_loading) { _again = true; return; }
        _loading = true;
        try
        {
            do
            {
                _again = false;
                await Load();
            }
            while (_again);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The page keeps what it showed; the next change in the log tries again.
            Log.LogWarning(ex, "Refreshing {Page} after a change in the log failed", GetType().Name);
        }
        finally { _loading = false; }
        StateHasChanged();
    }

    public virtual void Dispose()
    {
        if (_subscribed) Watcher.Grew -= OnLogGrew;
        GC.SuppressFinalize(this);
    }
}
