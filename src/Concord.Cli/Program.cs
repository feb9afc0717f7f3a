using Concord.Cli;

// The `concord` command. What it does, one file per group under Commands/:
//   concord serve [--urls URL]                                          ServeCommand.cs (the only use of Concord.Web)
//   concord import members|summits|decisions|positions|log FILE         ImportCommands.cs
//   concord import accession FILE(.csv|.json) | procedures FILE         ImportCommands.cs
//   concord export [FILE] [--for USER] | rebuild | verify               LogCommands.cs
//   concord audit verify|head|list                                      AuditCommands.cs
//   concord backup FILE | restore FILE                                  BackupCommands.cs
//   concord users ... | tokens ...                                      UsersCommands.cs, TokensCommands.cs
//   concord webhooks add|list|deliveries|disable                        WebhooksCommands.cs
//   concord decision show ID [--as-of DATE] | decision list             DecisionCommands.cs
//   concord accession show CANDIDATE [--as-of DATE] | accession list    AccessionCommands.cs
//   concord forecast accession CANDIDATE [--as-of DATE] [--by DATE]     ForecastCommands.cs
//   concord forecast decision ID [--by DATE]                            ForecastCommands.cs
//   concord forecast backtest [--fast] [--out FILE]                     BacktestCommand.cs
//   concord assistance show|delays|export|import|plan                   AssistanceCommands.cs (+ Import, Plan)
//   concord readiness show|impact|import                                ReadinessCommands.cs
// Global options --database PATH and --postgres CONNSTRING choose the store (StoreChoice.cs); the store is prepared
// through Features (StoreSetup.Prepare: migrated before every command and, when empty, seeded from data/ through the
// same importers); the commands that only read (export, verify, audit, backup) open it read-only and never migrate it
// (Store.OpenReadOnly). Every write goes through the same use cases, and so through the log's one commit.
return await ConcordCli.Run(args, Terminal.System(), CancellationToken.None);
