// Runs fuzz-target inputs without libFuzzer: every regular file of each directory given (or each
// file given) goes through LLVMFuzzerTestOneInput once. This is how CI replays the checked-in
// corpus with GCC; a violated invariant aborts, and the handler below names the input.

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

char g_current[4096];

extern "C" void reportInput(int sig)
{
    // Only async-signal-safe calls here.
    static const char prefix[] = "replay: the input that failed: ";
    [[maybe_unused]] ssize_t ignored = write(STDERR_FILENO, prefix, sizeof prefix - 1);
    ignored = write(STDERR_FILENO, g_current, std::strlen(g_current));
    ignored = write(STDERR_FILENO, "\n", 1);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

bool runFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
        return false;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::snprintf(g_current, sizeof g_current, "%s", path.c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <corpus dir or file>...\n", argv[0]);
        return 2;
    }
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL})
        std::signal(sig, reportInput);

    int files = 0;
    bool ok = true;
    auto run = [&](const std::filesystem::path &path) {
        if (runFile(path))
            ++files;
        else
            ok = false;
    };
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        std::error_code ec;
        if (std::filesystem::is_directory(arg, ec)) {
            // Sorted, so a failure always shows up on the same file first.
            std::vector<std::filesystem::path> paths;
            for (const auto &entry : std::filesystem::directory_iterator(arg, ec)) {
                if (entry.is_regular_file())
                    paths.push_back(entry.path());
            }
            if (ec) {
                std::fprintf(stderr, "replay: cannot list %s: %s\n", argv[i], ec.message().c_str());
                ok = false;
            }
            std::sort(paths.begin(), paths.end());
            for (const auto &path : paths)
                run(path);
        } else {
            run(arg);
        }
    }
    if (files == 0) {
        // An empty or missing corpus would make the test pass without testing anything.
        std::fprintf(stderr, "replay: no inputs found\n");
        return 1;
    }
    std::printf("replay: %d inputs ran without a violated invariant\n", files);
    return ok ? 0 : 1;
}
