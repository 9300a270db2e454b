using System.Runtime.InteropServices;
using System.Text;

namespace LiveProfile.Storage.Tests.Privacy;

/// <summary>
/// Reads a file through libc, bypassing .NET's advisory lock (the stores hold theirs while open), so a
/// test can look at what is on disk while the store is running. Unix only.
/// </summary>
internal static class RawFile
{
    public static byte[] ReadAllBytes(string path)
    {
        var native = Encoding.UTF8.GetBytes(path + "\0");
        var fd = Open(native, 0);
        if (fd < 0)
        {
            throw new IOException($"open failed, errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            using var result = new MemoryStream();
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var n = (int)Read(fd, buffer, buffer.Length);
                if (n < 0)
                {
                    throw new IOException($"read failed, errno {Marshal.GetLastPInvokeError()}");
                }

                if (n == 0)
                {
                    return result.ToArray();
                }

                result.Write(buffer, 0, n);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint Read(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
