using Concord.Features.Storage;
using Concord.Web.Hosting;

// Concord's web host. What it serves, in order:
//   /api/v1/members, /summits, /decisions, /accessions, /events   (Api/*.cs, one file per area)
//   /openapi/v1.json and the interactive reference at /scalar
//   /health
// The store is migrated and, when empty, seeded from data/ through the same importers as `concord import`.
var app = ConcordWebApp.Build(args);
await StoreSetup.Prepare(app.Services);
await app.RunAsync();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
