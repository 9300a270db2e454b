using System.Collections;
using System.Reflection;

namespace LiveProfile.Storage.Tests.Log;

/// <summary>
/// Structural equality over public properties, recursively, so that a field added to the model is
/// compared without anyone remembering to. Doubles compare by bit pattern (NaN payloads, −0).
/// </summary>
internal static class DeepAssert
{
    public static void Equal(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {Show(expected)}, got {Show(actual)}");
            return;
        }

        Type type = expected.GetType();
        Assert.True(type == actual.GetType(), $"{path}: type {type.Name} vs {actual.GetType().Name}");
        switch (expected)
        {
            case double d:
                Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)actual),
                    $"{path}: expected {d:R}, got {(double)actual:R}");
                return;
            case string or bool or byte or int or long or ulong or Enum:
                Assert.True(expected.Equals(actual), $"{path}: expected {Show(expected)}, got {Show(actual)}");
                return;
            case byte[] bytes:
                Assert.True(bytes.AsSpan().SequenceEqual((byte[])actual), $"{path}: byte arrays differ");
                return;
            case IList list:
                var other = (IList)actual;
                Assert.True(list.Count == other.Count, $"{path}: count {list.Count} vs {other.Count}");
                for (int i = 0; i < list.Count; i++)
                {
                    Equal(list[i], other[i], $"{path}[{i}]");
                }

                return;
        }

        PropertyInfo[] properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.True(properties.Length > 0, $"{path}: don't know how to compare {type.Name}");
        foreach (PropertyInfo property in properties)
        {
            if (property.GetIndexParameters().Length == 0)
            {
                Equal(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            }
        }
    }

    private static string Show(object? value) => value is null ? "null" : $"'{value}'";
}
