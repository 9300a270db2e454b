using System.Text;

namespace LiveProfile.Simulation;

internal static class JsonNaming
{
    /// <summary>PascalCase → snake_case (trait names in the truth file).</summary>
    public static string Snake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
