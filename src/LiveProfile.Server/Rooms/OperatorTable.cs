using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LiveProfile.Server.Rooms;

/// <summary>
/// A rule table operators edit (talk tracks, view variants): shipped as an embedded YAML resource, copied into the data
/// directory on first start, read from there; a file that does not parse names its line.
/// </summary>
internal static class OperatorTable
{
    /// <summary>The table's text in the data directory, written there from the shipped one when missing.</summary>
    public static (string Text, string Path) LoadOrCopy(string dataDirectory, string fileName, string resource)
    {
        var path = Path.Combine(dataDirectory, fileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, Shipped(resource));
            File.Move(temporary, path, overwrite: true);
        }
        return (File.ReadAllText(path), path);
    }

    public static string Shipped(string resource)
    {
        using var stream = typeof(OperatorTable).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <exception cref="InvalidDataException">The text is not YAML of the expected shape (the message names the line).</exception>
    public static T? Deserialize<T>(string yaml, string source)
    {
        try
        {
            return new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<T>(yaml);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{source}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }
}
