using System.CommandLine;
using LiveProfile.Cli.Http;

namespace LiveProfile.Cli.Commands;

/// <summary>Options shared by the commands that talk to a running server.</summary>
internal static class ClientCommandOptions
{
    public const string DefaultServer = "http://127.0.0.1:5080";
    public const string ApiKeyVariable = "LIVEPROFILE_API_KEY";

    public static Option<string> Server()
    {
        var option = new Option<string>("--server")
        {
            Description = "The LiveProfile server", HelpName = "URL", DefaultValueFactory = _ => DefaultServer,
        };
        option.Validators.Add(r =>
        {
            if (!EventsClient.TryParseServer(r.GetValueOrDefault<string>() ?? "", out _)) r.AddError("--server must be an absolute http:// or https:// URL");
        });
        return option;
    }

    /// <summary>No default value factory on purpose: help would print the key from the environment.</summary>
    public static Option<string?> ApiKey() => new("--api-key")
    {
        Description = $"API key, sent as a bearer token (default: ${ApiKeyVariable}; none on an embedded server)", HelpName = "KEY",
    };

    public static Uri ServerUri(string value) => EventsClient.TryParseServer(value, out var uri) ? uri : throw new ArgumentException(value);

    public static string? ApiKeyOrEnvironment(string? value) =>
        string.IsNullOrEmpty(value) ? Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } env ? env : null : value;

    /// <summary>Adds an inclusive range check to an integer option.</summary>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max) where T : struct, IComparable<T>
    {
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<T>();
            if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0) r.AddError($"{option.Name} must be between {min} and {max}");
        });
        return option;
    }
}
