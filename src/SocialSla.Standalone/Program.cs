using SocialSla.Standalone.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
