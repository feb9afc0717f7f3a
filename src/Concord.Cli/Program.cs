using Concord.Cli;

// The `concord` command. What it does, one file per group under Commands/:
//   concord serve [--urls URL]                                          ServeCommand.cs
//   concord import members|summits|decisions|positions|log FILE         ImportCommands.cs
//   concord import accession FILE(.csv|.json) | procedures FILE         ImportCommands.cs
//   concord export [FILE] | rebuild | verify                            LogCommands.cs
//   concord decision show ID [--as-of DATE] | decision list             DecisionCommands.cs
//   concord accession show CANDIDATE [--as-of DATE] | accession list    AccessionCommands.cs
// Global options --database PATH and --postgres CONNSTRING choose the store (StoreChoice.cs); the store is
// migrated before every command and, when empty, seeded from data/ through the same importers.
return await ConcordCli.Run(args, Terminal.System(), CancellationToken.None);
