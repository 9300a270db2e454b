using System.Text;
using LiveProfile.Engine.Contract;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// The canonical form of a raw identifier before hashing: trimmed; account, viewer and device ids
/// stay case-sensitive; a phone is taken as the E.164 string the parser validated; a nickname is
/// also Unicode NFKC-normalised (full-width and compatibility forms fold to one pseudonym).
/// </summary>
internal static class IdentifierNormalizer
{
    public static string Normalize(IdentifierKind kind, string raw)
    {
        var value = raw.Trim();
        if (kind == IdentifierKind.Nickname && !value.IsNormalized(NormalizationForm.FormKC))
        {
            value = value.Normalize(NormalizationForm.FormKC).Trim();
        }

        return value;
    }
}
