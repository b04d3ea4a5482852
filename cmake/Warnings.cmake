# Warnings are errors in every build of ours (never for third-party code).
function(emporium_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Werror
    -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wdouble-promotion -Wformat=2
    -Wimplicit-fallthrough -Wmisleading-indentation -Wduplicated-cond -Wlogical-op
    # (-Wnull-dereference is left out: at -O2 GCC 12 reports it inside Asio's headers.)
    # GCC 12 misreports Asio's coroutine frame allocator (operator new/delete pair of its own) as mismatched.
    -Wno-mismatched-new-delete
    # GCC 12 reports std::variant/std::optional members as "maybe uninitialized" in correct code (PR 107138).
    -Wno-maybe-uninitialized
    # GCC 12 at -O3 reports impossible memcpy bounds inside inlined std::string concatenation (PR 105329,
    # PR 105651). Only the optimised build sees them; the sanitizer build keeps the warnings and checks
    # the same code at run time.
    $<$<CONFIG:Release>:-Wno-stringop-overflow -Wno-array-bounds -Wno-restrict>)
endfunction()
