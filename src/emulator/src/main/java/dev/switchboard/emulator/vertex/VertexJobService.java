package dev.switchboard.emulator.vertex;

import com.google.cloud.aiplatform.v1.BatchPredictionJob;
import com.google.cloud.aiplatform.v1.CancelBatchPredictionJobRequest;
import com.google.cloud.aiplatform.v1.CreateBatchPredictionJobRequest;
import com.google.cloud.aiplatform.v1.GetBatchPredictionJobRequest;
import com.google.cloud.aiplatform.v1.JobServiceGrpc;
import com.google.cloud.aiplatform.v1.ListBatchPredictionJobsRequest;
import com.google.cloud.aiplatform.v1.ListBatchPredictionJobsResponse;
import com.google.protobuf.Empty;
import com.google.protobuf.MessageOrBuilder;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.behavior.Protocol;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code google.cloud.aiplatform.v1.JobService}, the batch prediction part: create, get, list (with {@code
 * display_name="..."} and {@code labels.<key>="..."} filters joined by AND, pages) and cancel. What the jobs do is
 * {@link VertexBatchJobs}.
 */
final class VertexJobService extends JobServiceGrpc.JobServiceImplBase {

    private static final String SERVICE = "/" + JobServiceGrpc.SERVICE_NAME + "/";
    private static final Pattern TERM =
            Pattern.compile("\\s*(display_name|displayName|labels\\.[a-z0-9_-]+)\\s*=\\s*\"([^\"]*)\"\\s*");
    private static final int DEFAULT_PAGE = 100;

    private final Behavior behavior;
    private final VertexBatchJobs jobs;

    VertexJobService(Behavior behavior, VertexBatchJobs jobs) {
        this.behavior = behavior;
        this.jobs = jobs;
    }

    @Override
    public void createBatchPredictionJob(
            CreateBatchPredictionJobRequest request, StreamObserver<BatchPredictionJob> observer) {
        BatchPredictionJob job = request.getBatchPredictionJob();
        record("CreateBatchPredictionJob", VertexMapping.modelName(job.getModel()), request);
        String problem = invalid(job);
        if (problem != null) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
            return;
        }
        if (behavior.resolve(VertexMapping.modelName(job.getModel())).isEmpty()) {
            observer.onError(Status.NOT_FOUND
                    .withDescription("Publisher Model `" + job.getModel() + "` was not found.")
                    .asRuntimeException());
            return;
        }
        observer.onNext(jobs.create(request.getParent(), job));
        observer.onCompleted();
    }

    @Override
    public void getBatchPredictionJob(
            GetBatchPredictionJobRequest request, StreamObserver<BatchPredictionJob> observer) {
        record("GetBatchPredictionJob", "", request);
        jobs.get(request.getName())
                .ifPresentOrElse(
                        job -> {
                            observer.onNext(job);
                            observer.onCompleted();
                        },
                        () -> observer.onError(notFound(request.getName())));
    }

    @Override
    public void listBatchPredictionJobs(
            ListBatchPredictionJobsRequest request, StreamObserver<ListBatchPredictionJobsResponse> observer) {
        record("ListBatchPredictionJobs", "", request);
        Predicate<BatchPredictionJob> filter;
        try {
            filter = filter(request.getFilter());
        } catch (IllegalArgumentException e) {
            observer.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        List<BatchPredictionJob> all = jobs.list(request.getParent(), filter);
        int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int size = request.getPageSize() > 0 ? request.getPageSize() : DEFAULT_PAGE;
        int to = Math.min(all.size(), from + size);
        ListBatchPredictionJobsResponse.Builder page =
                ListBatchPredictionJobsResponse.newBuilder().addAllBatchPredictionJobs(all.subList(from, to));
        if (to < all.size()) page.setNextPageToken(Integer.toString(to));
        observer.onNext(page.build());
        observer.onCompleted();
    }

    @Override
    public void cancelBatchPredictionJob(CancelBatchPredictionJobRequest request, StreamObserver<Empty> observer) {
        record("CancelBatchPredictionJob", "", request);
        if (!jobs.exists(request.getName())) {
            observer.onError(notFound(request.getName()));
        } else if (!jobs.cancel(request.getName())) {
            observer.onError(Status.FAILED_PRECONDITION
                    .withDescription("Batch prediction job " + request.getName() + " is already in a final state.")
                    .asRuntimeException());
        } else {
            observer.onNext(Empty.getDefaultInstance());
            observer.onCompleted();
        }
    }

    private void record(String method, String model, MessageOrBuilder request) {
        behavior.log()
                .record(
                        Protocol.VERTEX,
                        "POST",
                        SERVICE + method,
                        model,
                        HeaderCapture.current(),
                        VertexMapping.toJson(request));
    }

    private static String invalid(BatchPredictionJob job) {
        if (job.getDisplayName().isEmpty()) return "display_name is required.";
        if (!"jsonl".equals(job.getInputConfig().getInstancesFormat())
                || job.getInputConfig().getGcsSource().getUrisCount() != 1) {
            return "input_config: this emulator serves one jsonl file from Cloud Storage.";
        }
        if (!"jsonl".equals(job.getOutputConfig().getPredictionsFormat())
                || !job.getOutputConfig()
                        .getGcsDestination()
                        .getOutputUriPrefix()
                        .startsWith("gs://")) {
            return "output_config: this emulator writes jsonl to Cloud Storage.";
        }
        return null;
    }

    /** Terms joined by AND: {@code display_name="x"}, {@code labels.key="v"}; anything else is refused. */
    static Predicate<BatchPredictionJob> filter(String filter) {
        Predicate<BatchPredictionJob> all = j -> true;
        if (filter.isBlank()) return all;
        List<Predicate<BatchPredictionJob>> terms = new ArrayList<>();
        for (String term : filter.split("\\s+AND\\s+")) {
            Matcher m = TERM.matcher(term);
            if (!m.matches()) throw new IllegalArgumentException("Unsupported filter: " + term.strip());
            String field = m.group(1);
            String value = m.group(2);
            terms.add(
                    field.startsWith("labels.")
                            ? j -> value.equals(j.getLabelsMap().get(field.substring("labels.".length())))
                            : j -> value.equals(j.getDisplayName()));
        }
        return terms.stream().reduce(all, Predicate::and);
    }

    private static RuntimeException notFound(String name) {
        return Status.NOT_FOUND
                .withDescription("The BatchPredictionJob does not exist: " + name)
                .asRuntimeException();
    }
}
