// Runs a fuzz target's entry point on files and folders named on the
// command line, without libFuzzer. CTest uses it to replay the seed corpus
// with any compiler, so a fixed bug that comes back fails a normal build.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

bool runFile(const std::filesystem::path &path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::fprintf(stderr, "failed to open %s: check the path\n", path.string().c_str());
        return false;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(file),
                                  std::istreambuf_iterator<char>()};
    // The entry point must never read through a null pointer, even for an
    // empty file, so an empty vector gets a valid address.
    static const std::uint8_t empty = 0;
    const auto *data = bytes.empty() ? &empty : reinterpret_cast<const std::uint8_t *>(bytes.data());
    LLVMFuzzerTestOneInput(data, bytes.size());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE_OR_FOLDER...\n", argv[0]);
        return 2;
    }

    int inputs = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path path(argv[i]);
        if (!std::filesystem::is_directory(path)) {
            if (!runFile(path))
                return 1;
            ++inputs;
            continue;
        }
        for (const auto &entry : std::filesystem::recursive_directory_iterator(path)) {
            if (!entry.is_regular_file())
                continue;
            if (!runFile(entry.path()))
                return 1;
            ++inputs;
        }
    }
    std::printf("ran %d inputs without a failure\n", inputs);
    return 0;
}
