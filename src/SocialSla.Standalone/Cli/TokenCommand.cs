using System.CommandLine;
using System.Security.Cryptography;
using SocialSla.Standalone.Server.Api;

namespace SocialSla.Standalone.Cli;

/// <summary><c>socialsla token [--role read|agent|admin] [--name NAME]</c>: makes a random API token and prints it with the
/// configuration entry that stores only its hash.</summary>
internal static class TokenCommand
{
    public static Command Create(TextWriter output)
    {
        var role = new Option<string>("--role") { Description = "read, agent (may acknowledge and resolve) or admin (may also erase a customer's data and read the audit log).", DefaultValueFactory = _ => "read" };
        role.AcceptOnlyFromAmong("read", "agent", "admin");
        var name = new Option<string>("--name") { Description = "Who holds the token.", DefaultValueFactory = _ => "lead" };
        var command = new Command("token", "Make an API token and the configuration entry holding its hash.") { role, name };
        command.SetAction(parsed =>
        {
            var token = NewToken();
            output.WriteLine($"token:  {token}");
            output.WriteLine($"config: {{ \"name\": \"{parsed.GetValue(name)}\", \"role\": \"{parsed.GetValue(role)}\", \"sha256\": \"{ApiAuthentication.HashOf(token)}\" }}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A random token: 32 bytes, URL-safe base64.</summary>
    public static string NewToken() => "sla_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
