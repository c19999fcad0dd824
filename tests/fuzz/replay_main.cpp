// Runs fuzz-target inputs without libFuzzer: every regular file of each directory given (or each
// file given) goes through LLVMFuzzerTestOneInput. This is how CI replays the checked-in corpus
// with GCC. A violated invariant aborts, so each input runs in a child process: one failing input
// does not hide the next, and the summary names them all.

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

enum class Result { Passed, Failed, Unreadable };

Result runInput(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
        return Result::Unreadable;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::fflush(nullptr);
    const pid_t child = fork();
    if (child < 0) {
        std::perror("replay: fork");
        return Result::Failed;
    }
    if (child == 0) {
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
        std::fflush(nullptr);
        _exit(0);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            std::perror("replay: waitpid");
            return Result::Failed;
        }
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return Result::Passed;
    if (WIFSIGNALED(status))
        std::fprintf(stderr, "replay: FAILED (signal %d): %s\n\n", WTERMSIG(status), path.c_str());
    else
        std::fprintf(stderr, "replay: FAILED (exit %d): %s\n\n", WEXITSTATUS(status), path.c_str());
    return Result::Failed;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <corpus dir or input file>...\n", argv[0]);
        return 2;
    }
    std::vector<std::filesystem::path> inputs;
    bool listed = true;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        std::error_code ec;
        if (!std::filesystem::is_directory(arg, ec)) {
            inputs.push_back(arg);
            continue;
        }
        for (const auto &entry : std::filesystem::directory_iterator(arg, ec)) {
            if (entry.is_regular_file())
                inputs.push_back(entry.path());
        }
        if (ec) {
            std::fprintf(stderr, "replay: cannot list %s: %s\n", argv[i], ec.message().c_str());
            listed = false;
        }
    }
    if (inputs.empty()) {
        // An empty or missing corpus would make the test pass without testing anything.
        std::fprintf(stderr, "replay: no inputs found\n");
        return 1;
    }
    std::sort(inputs.begin(), inputs.end()); // the same order, and so the same output, every run

    std::vector<std::string> failed;
    int unreadable = 0;
    for (const auto &path : inputs) {
        switch (runInput(path)) {
        case Result::Passed:
            break;
        case Result::Failed:
            failed.push_back(path.filename().string());
            break;
        case Result::Unreadable:
            ++unreadable;
            break;
        }
    }
    std::printf("replay: %zu inputs, %zu failed, %d unreadable\n", inputs.size(), failed.size(), unreadable);
    for (const std::string &name : failed)
        std::printf("  failed: %s\n", name.c_str());
    return failed.empty() && unreadable == 0 && listed ? 0 : 1;
}
