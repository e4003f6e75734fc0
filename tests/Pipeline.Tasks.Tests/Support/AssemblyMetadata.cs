using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Pipeline.Tasks.Tests.Support;

/// <summary>Reads AssemblyMetadataAttribute(key, value) pairs from a built assembly without loading it.</summary>
internal static class AssemblyMetadata
{
    public static IReadOnlyDictionary<string, string?> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var result = new Dictionary<string, string?>();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (AttributeTypeName(reader, attribute) != "System.Reflection.AssemblyMetadataAttribute")
            {
                continue;
            }

            // Blob: prolog 0x0001, then the two constructor arguments as serialized strings.
            var blob = reader.GetBlobReader(attribute.Value);
            if (blob.ReadUInt16() != 1)
            {
                continue;
            }

            var key = blob.ReadSerializedString();
            result[key ?? ""] = blob.ReadSerializedString();
        }

        return result;
    }

    private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            return "";
        }

        var member = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
        if (member.Parent.Kind != HandleKind.TypeReference)
        {
            return "";
        }

        var type = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
        return reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
    }
}
