package arxiv

// DecodeTeXForTest exposes decodeTeX to the tests.
var DecodeTeXForTest = decodeTeX
