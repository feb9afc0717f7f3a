using System.Diagnostics;
using Concord.Features.Storage;
using Concord.Web.Hosting;

// Concord's web host (Hosting/ConcordWebApp.cs builds it). What it serves, in order:
//   the Blazor pages (Components/Pages: dashboard, decisions, accessions, forecast calibration, members, summits, assistance, readiness, audit)
//   /api/v1/members, /summits, /decisions, /accessions, /events, /assistance, /readiness, /audit   (Api/*.cs, one per area)
//   /account/signin and sign-out; /openapi/v1.json and the interactive reference at /scalar; /health
// Every write goes through the use cases of Concord.Features to the log's one commit (EventStore.Commit); reads of what
// stands now come from the read models it keeps. The store is migrated and, when empty, seeded from data/ through the
// same importers as `concord import` (StoreSetup.Prepare).
// Each phase of the start is logged with its duration (Startup: ...), so a slow start says where its time went.
var startup = Stopwatch.StartNew();
var app = ConcordWebApp.Build(args);
app.Logger.LogInformation("Startup: host built in {ElapsedMs:N0} ms", startup.ElapsedMilliseconds);
try
{
    await StoreSetup.Prepare(app.Services);
}
catch (StoreNotReadable e)
{
    // A store this build cannot serve as it is (read-only and outdated or empty): say why, without a stack trace.
    app.Logger.LogCritical("Concord cannot start: {Reason}", e.Message);
    return 1;
}
app.Lifetime.ApplicationStarted.Register(() =>
{
    using var process = Process.GetCurrentProcess();
    app.Logger.LogInformation("Startup: host ready in {ElapsedMs:N0} ms ({SinceProcessStartMs:N0} ms since the process started)",
        startup.ElapsedMilliseconds, (long)(DateTime.Now - process.StartTime).TotalMilliseconds);
});
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
