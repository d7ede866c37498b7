# One interface target that every Consilium target links: the language
# standard, the warnings and the strict Qt defines live here and nowhere else.
add_library(consilium_settings INTERFACE)

target_compile_features(consilium_settings INTERFACE cxx_std_20)

target_compile_definitions(consilium_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_NO_FOREACH
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(consilium_settings INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
        -Wold-style-cast -Wcast-align -Woverloaded-virtual
        -Wno-missing-field-initializers)
endif()

option(CONSILIUM_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(CONSILIUM_SANITIZE)
    target_compile_options(consilium_settings INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(consilium_settings INTERFACE -fsanitize=address,undefined)
endif()
