package dev.switchboard.emulator.bedrock;

/**
 * Where the Bedrock batch emulator reads job input and writes job output: the S3 server the test runs (for
 * example s3proxy through an S3 client), so the client under test and the emulator share the files as they would in
 * AWS. The emulator itself carries no S3 client.
 */
public interface BatchStorage {

    /** The object's bytes, or null when it does not exist. */
    byte[] read(String bucket, String key);

    void write(String bucket, String key, byte[] body);

    /** In-memory objects, for tests that only talk to the control plane. */
    static BatchStorage inMemory() {
        java.util.Map<String, byte[]> objects = new java.util.concurrent.ConcurrentHashMap<>();
        return new BatchStorage() {
            @Override
            public byte[] read(String bucket, String key) {
                return objects.get(bucket + "/" + key);
            }

            @Override
            public void write(String bucket, String key, byte[] body) {
                objects.put(bucket + "/" + key, body.clone());
            }
        };
    }
}
