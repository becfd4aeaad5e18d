package format

// DocumentsMax is Documents with a smaller document limit, so that the tests of the limit stay fast.
var DocumentsMax = documents
