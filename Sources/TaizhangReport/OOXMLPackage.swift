import Foundation
import ZIPFoundation

/// The ZIP container of an Office Open XML file (.xlsx, .docx): parts added by path, each
/// deflated, all with one fixed time stamp so the same content always gives the same bytes.
/// The spreadsheet and document writers only say which parts go in.
public final class OOXMLPackage {
    /// 2024-01-01T00:00:00Z: the time stamp of every part.
    static let stamp = Date(timeIntervalSince1970: 1_704_067_200)
    private let archive: Archive

    /// An empty package in memory.
    public init() throws {
        archive = try Archive(data: Data(), accessMode: .create)
    }

    /// Adds the part `path` holding `text` as UTF-8.
    public func add(_ path: String, _ text: String) throws {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.stamp,
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<(Int(position) + size))
        }
    }

    /// The package's bytes.
    public func data() throws -> Data {
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
