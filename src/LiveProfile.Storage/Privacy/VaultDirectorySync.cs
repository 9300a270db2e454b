using System.Runtime.InteropServices;
using System.Text;

namespace LiveProfile.Storage.Privacy;

/// <summary>
/// fsync of a directory, so that a rename or a newly created file inside it survives a crash.
/// .NET has no API for it; on Unix this opens the directory read-only through libc and fsyncs the
/// descriptor. On Windows (where NTFS journals the metadata) it does nothing.
/// </summary>
internal static class VaultDirectorySync
{
    private const int ORdOnly = 0;
    private const int EInval = 22;

    public static void Sync(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // The path as NUL-terminated UTF-8 bytes: no string marshalling to get wrong.
        var path = new byte[Encoding.UTF8.GetByteCount(directory) + 1];
        Encoding.UTF8.GetBytes(directory, path);
        var fd = Open(path, ORdOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            // Some file systems refuse fsync on a directory (EINVAL): nothing more can be done there.
            if (FSync(fd) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != EInval)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {errno}).");
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

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FSync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
