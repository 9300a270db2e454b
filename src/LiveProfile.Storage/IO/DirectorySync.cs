using System.Runtime.InteropServices;
using System.Text;

namespace LiveProfile.Storage.IO;

/// <summary>
/// fsync of a directory, so that a file created, renamed or deleted in it survives a power loss.
/// .NET cannot open a directory as a file, so this calls libc open/fsync/close directly. Linux and
/// other Unix systems only; a no-op on Windows, where NTFS journals directory entries itself. The one
/// copy shared by the event log, checkpoints and the key vault.
/// </summary>
internal static class DirectorySync
{
    private const int ORdOnly = 0;
    private const int OCloExec = 0x80000;      // 02000000, same on x64 and arm64 Linux
    private const int ODirectoryX64 = 0x10000; // 0200000 on x86/x64 Linux
    private const int ODirectoryArm = 0x4000;  // 040000 on arm/arm64 Linux
    private const int EIntr = 4;
    private const int EInval = 22;

    /// <summary>Flushes the directory entry table of <paramref name="directory"/> to stable storage.</summary>
    /// <exception cref="IOException">open or fsync failed.</exception>
    public static void Fsync(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (OperatingSystem.IsWindows() || OperatingSystem.IsBrowser() || OperatingSystem.IsWasi())
        {
            return;
        }

        int flags = ORdOnly;
        if (OperatingSystem.IsLinux())
        {
            flags |= OCloExec | (RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64
                ? ODirectoryArm
                : ODirectoryX64);
        }

        byte[] path = Encoding.UTF8.GetBytes(directory + "\0");
        int fd = Native.Open(path, flags);
        if (fd < 0)
        {
            throw Error("open", directory, Marshal.GetLastPInvokeError());
        }

        try
        {
            int rc;
            do
            {
                rc = Native.FSync(fd);
            }
            while (rc != 0 && Marshal.GetLastPInvokeError() == EIntr);

            // Some file systems do not support fsync on a directory (EINVAL): nothing more can be done
            // there, and refusing to run on them would not make the entry any more durable.
            if (rc != 0 && Marshal.GetLastPInvokeError() is var errno && errno != EInval)
            {
                throw Error("fsync", directory, errno);
            }
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }

    private static IOException Error(string call, string directory, int errno) =>
        new($"{call} of directory '{directory}' failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

    private static class Native
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open(byte[] nullTerminatedUtf8Path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int FSync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int fd);
    }
}
