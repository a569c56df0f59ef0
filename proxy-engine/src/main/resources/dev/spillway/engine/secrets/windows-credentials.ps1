# Windows Credential Manager for Spillway: generic credentials "spillway:<name>" through advapi32 (CredRead/CredWrite/
# CredDelete). The Java side fills in __OPERATION__ and __NAME__ (an environment-variable name); a secret to store arrives on
# standard input, a secret read leaves as base64 on standard output. Exit 3: no such credential.
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
using System.Runtime.InteropServices.ComTypes;
using System.Text;

public static class SpillwayCredentials {
    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    private struct Credential {
        public int Flags;
        public int Type;
        public string TargetName;
        public string Comment;
        public FILETIME LastWritten;
        public int CredentialBlobSize;
        public IntPtr CredentialBlob;
        public int Persist;
        public int AttributeCount;
        public IntPtr Attributes;
        public string TargetAlias;
        public string UserName;
    }

    private const int Generic = 1;
    private const int PersistLocalMachine = 2;

    [DllImport("advapi32.dll", EntryPoint = "CredReadW", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern bool CredRead(string target, int type, int flags, out IntPtr credential);

    [DllImport("advapi32.dll", EntryPoint = "CredWriteW", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern bool CredWrite(ref Credential credential, int flags);

    [DllImport("advapi32.dll", EntryPoint = "CredDeleteW", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern bool CredDelete(string target, int type, int flags);

    [DllImport("advapi32.dll")]
    private static extern void CredFree(IntPtr buffer);

    public static string Read(string target) {
        IntPtr pointer;
        if (!CredRead(target, Generic, 0, out pointer)) {
            return null;
        }
        try {
            Credential credential = (Credential) Marshal.PtrToStructure(pointer, typeof(Credential));
            byte[] blob = new byte[credential.CredentialBlobSize];
            Marshal.Copy(credential.CredentialBlob, blob, 0, blob.Length);
            return Encoding.Unicode.GetString(blob);
        } finally {
            CredFree(pointer);
        }
    }

    public static void Write(string target, string user, string secret) {
        byte[] blob = Encoding.Unicode.GetBytes(secret);
        Credential credential = new Credential();
        credential.Type = Generic;
        credential.TargetName = target;
        credential.UserName = user;
        credential.Persist = PersistLocalMachine;
        credential.CredentialBlobSize = blob.Length;
        credential.CredentialBlob = Marshal.AllocHGlobal(blob.Length);
        try {
            Marshal.Copy(blob, 0, credential.CredentialBlob, blob.Length);
            if (!CredWrite(ref credential, 0)) {
                throw new System.ComponentModel.Win32Exception(Marshal.GetLastWin32Error());
            }
        } finally {
            Marshal.FreeHGlobal(credential.CredentialBlob);
        }
    }

    public static void Delete(string target) {
        CredDelete(target, Generic, 0);
    }
}
'@
$target = 'spillway:__NAME__'
switch ('__OPERATION__') {
    'get' {
        $secret = [SpillwayCredentials]::Read($target)
        if ($secret -eq $null) { exit 3 }
        [Console]::Out.Write([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($secret)))
    }
    'put' {
        $secret = [Console]::In.ReadToEnd()
        [SpillwayCredentials]::Write($target, '__NAME__', $secret)
    }
    'remove' {
        [SpillwayCredentials]::Delete($target)
    }
}
exit 0
