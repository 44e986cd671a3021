"""Korean messages (한국어). Keys and {placeholders} must match en.py exactly."""

CHECKS = {
    "pass": "기준 답과 일치합니다 (rel_error {rel:.1e}, 허용 오차 {tol:.0e})",
    "pass_one": "`{out}`이(가) 기준 답과 일치합니다 (rel_error {rel:.1e}, 허용 오차 {tol:.0e})",
    "pass_many": "{names}이(가) 기준 답과 일치합니다 (가장 큰 rel_error {rel:.1e}, 허용 오차 {tol:.0e})",
    "shape": "`{out}`의 모양이 {got}입니다. {expected}이어야 합니다",
    "not_finite": "`{out}`의 인덱스 {index}에 {what}이(가) 있습니다",
    "nan": "NaN",
    "infinity": "무한대",
    "values": ("`{out}`이(가) 기준 답과 다릅니다: rel_error {rel:.2e} (허용 오차 {tol:.0e}). "
               "가장 큰 오차 {abs:.3g}은(는) 인덱스 {index}에 있으며, 여러분의 값은 {got:.6g}, "
               "기준 값은 {expected:.6g}입니다"),
    "complex": "`{out}`에 복소수가 들어 있습니다. 실수여야 합니다",
    "float32": "; `{out}`의 자료형이 {dtype}입니다: 입력처럼 float64로 계산하세요",
    "missing": "노트북에 `{function}`이(가) 정의되어 있지 않습니다",
    "forbidden": ("`{function}`이(가) {got}을(를) 사용합니다. 이 과제는 채점 함수 안에서 이를 허용하지 "
                  "않습니다: NumPy로 작성하세요"),
    "output_limit": "`{function}`의 출력이 출력 한도를 넘어 커널을 중지했습니다",
    "not_integer": "`{function}`이(가) {got}입니다. 정수 개수여야 합니다",
    "not_module": "`{function}`이(가) {got}입니다. torch.nn.Module의 하위 클래스여야 합니다",
    "params_pass": "{cls}({n})의 파라미터는 예상대로 {count:,}개입니다",
    "params_wrong": "{cls}({n})의 파라미터가 {count:,}개입니다. {expected:,}개여야 합니다 ({diff:+,})",
    "shape_pass": "{who}의 출력 모양이 예상대로 {shape}입니다",
    "shape_wrong": "{who}의 출력 모양이 {got}입니다. {expected}이어야 합니다",
    "layers_pass": "Conv2d/Linear/BatchNorm 층 {count}개가 실행 순서대로 모두 기준 모델과 일치합니다",
    "layers_crash": "실행된 층 {count}개는 일치하지만, 그 뒤 forward에서 {ename}이(가) 발생했습니다: {evalue}",
    "layers_wrong": "{row}번째 층({type})이 다릅니다: {what}",
    "layers_key": "{field} {got}, 기준 {expected}",
    "layers_missing": "{row}번째 층이 없습니다: 기준 모델에는 {text}이(가) 있습니다",
    "layers_extra": "{row}번째 층은 기준 모델에 없는 층입니다: {text}",
    "layers_then_crash": "; 그 뒤 forward에서 {ename}이(가) 발생했습니다: {evalue}",
    # 학생 배포판: 잠금(lock)과 비교하므로 기대값은 보여 주지 않습니다
    "params_locked": "{cls}({n})의 파라미터가 {count:,}개입니다. 기대하는 개수가 아닙니다",
    "shape_locked": "{who}의 출력 모양이 {got}입니다. 기대하는 모양이 아닙니다",
    "layers_wrong_locked": "{row}번째 층({type})이 기대하는 층과 다릅니다: {what}",
    "layers_key_locked": "{field} (여러분의 값: {got})",
    "layers_missing_locked": ("{row}번째 층이 없습니다: 여러분의 모델은 Conv2d/Linear/BatchNorm 층을 "
                              "{count}개 실행하며, 기대보다 적습니다"),
    "layers_row_matches": "일치",
    "layers_row_differs": "다름: {fields}",
    "layers_row_extra": "기대하지 않은 층 (추가됨)",
    "layers_row_missing": "기대하는 층이 여러분의 모델에 없음",
    "staff_judged": ("조교가 채점합니다: 이 항목은 기준 답이 있어야 판정할 수 있는데, 학생 배포판에는 "
                     "기준 답이 없습니다. 이 점수에는 포함되지 않습니다"),
    "transplant": ("기준 가중치가 맞지 않습니다: {layer}번째 Conv2d/Linear 층의 가중치 모양이 "
                   "{got}이고, 기준 모델은 {expected}입니다"),
    "forward_pass": "같은 가중치로 실행한 출력이 기준 모델과 일치합니다 (오차 {err:.1e}, 허용 오차 {tol:.0e})",
    "forward_wrong": ("같은 가중치로 실행한 출력이 기준 모델과 다릅니다: 오차 {err:.2e} "
                      "(허용 오차 {tol:.0e}). 가장 큰 차이는 인덱스 {index}에 있으며, 여러분의 모델은 "
                      "{got:.6g}, 기준 모델은 {expected:.6g}입니다"),
    "variable_pass": "`{name}` = {value:,}, 맞습니다",
    "variable_wrong": "`{name}` = {value:,}은(는) 가중치와 편향을 합한 올바른 개수가 아닙니다",
    "not_callable": "`{function}`이(가) 함수가 아니라 {got}입니다",
    "raised": "`{function}`에서 {ename}이(가) 발생했습니다: {evalue}",
    "arity": "`{function}`이(가) {got}을(를) 반환했습니다. 튜플 ({expected})이어야 합니다",
    "type": "`{function}`이(가) `{output}`(으)로 {got}을(를) 반환했습니다. 숫자로 된 NumPy 배열이어야 합니다",
    "timeout": "`{function}`이(가) {timeout:g}초 안에 끝나지 않아 커널을 멈췄습니다",
    "memory_limit": ("`{function}`이(가) 메모리를 {limit} MiB 넘게 사용했습니다 (공유 메모리와 /tmp 파일 포함). "
                     "커널 자체의 한도이므로 커널을 중지했습니다"),
    "died": "`{function}`을(를) 실행하는 동안 커널이 종료되었습니다 (예: os._exit 또는 충돌)",
    "unsafe": "`{function}`이(가) 반환한 값을 일반 데이터로 받을 수 없습니다: {reason}",
    "harness": ("채점기가 여러분의 커널에서 `{function}`을(를) 검사하지 못했습니다 ({ename}: {evalue}). "
                "노트북이 내장 함수를 바꾸지 않았나요?"),
    "forward_stage": " (`{graded}`에 넘길 cache를 얻으려고 `{function}`을(를) 호출하던 중)",
    "not_run": "실행하지 않음: {reason}",
    "not_again": "실행하지 않음: `{function}`이(가) 이미 {first}에서 실패했습니다 ({what})",
    "restarts_exhausted": "커널을 허용된 최대 횟수인 {count}번 다시 시작했습니다",
    "kernel_failed": "채점 커널이 실패했습니다: {reason}",
}

DIAGNOSES = {
    "title.conv_forward.flipped_kernel": "커널을 뒤집음 (진짜 합성곱)",
    "diag.conv_forward.flipped_kernel": (
        "`{out}`은(는) 커널을 뒤집어(180° 회전) 계산한 합성곱과 일치합니다. CNN 층은 교차상관을 "
        "계산합니다: w[f]를 뒤집지 말고 그대로 패딩된 입력 위에서 미세요."),
    "title.conv_forward.no_bias": "편향 누락",
    "diag.conv_forward.no_bias": (
        "`{out}`은(는) 편향을 빼고 계산한 기준 답과 일치합니다: 필터 f의 모든 출력 위치에 b[f]를 "
        "더하세요."),
    "title.conv_forward.no_padding": "패딩을 무시함",
    "diag.conv_forward.no_padding": (
        "`{out}`은(는) 패딩하지 않은 입력의 합성곱과 일치합니다: 커널을 밀기 전에 x의 H와 W 양쪽에 "
        "`pad`개의 0을 채우고(np.pad), 출력 크기에도 H + 2·pad를 쓰세요."),
    "title.conv_forward.no_stride": "stride를 무시함",
    "diag.conv_forward.no_stride": (
        "`{out}`은(는) stride 1로 계산한 합성곱과 일치합니다: 창을 `stride` 픽셀씩 옮기고"
        "(행 i·stride, 열 j·stride) H' = 1 + (H + 2·pad − HH) // stride를 쓰세요."),
    "title.conv_forward.channels_last": "출력 축 순서가 (N, H', W', F)",
    "diag.conv_forward.channels_last": (
        "`{out}`의 값은 맞지만 (N, H', W', F) 순서로 놓여 있습니다: reshape가 아니라 "
        "transpose(0, 3, 1, 2)로 축을 옮겨 (N, F, H', W')를 반환하세요."),
    "title.conv_forward.reshape_mixes_axes": "reshape로 축이 뒤섞임",
    "diag.conv_forward.reshape_mixes_axes": (
        "`{out}`의 값은 (F, N, H', W')로 계산된 뒤 (N, F, H', W')로 reshape되었습니다: reshape는 "
        "축을 옮기지 않습니다. transpose(1, 0, 2, 3)를 쓰세요."),
    "title.conv_forward.kernel_hw_swapped": "커널의 높이와 너비가 바뀜",
    "diag.conv_forward.kernel_hw_swapped": (
        "`{out}`은(는) 커널의 높이와 너비를 바꾼 경우(w[f, c, k, l] 대신 w[f, c, l, k])와 "
        "일치합니다: w의 모양은 (F, C, HH, WW)입니다."),
    "title.conv_backward.pad_not_cropped": "dx에서 패딩을 잘라내지 않음",
    "diag.conv_backward.pad_not_cropped": (
        "`{out}`은(는) 패딩된 입력에 대한 기울기입니다: dx_pad[:, :, pad:pad + H, pad:pad + W]로 "
        "패딩을 잘라내세요."),
    "title.conv_backward.crop_empty_at_pad_0": "pad:-pad로 잘라 pad가 0일 때 비어 버림",
    "diag.conv_backward.crop_empty_at_pad_0": (
        "`{out}`을(를) dx_pad[:, :, pad:-pad, pad:-pad]로 잘랐는데, pad = 0이면(-0은 0) 빈 배열이 "
        "됩니다: pad:pad + H와 pad:pad + W로 자르세요."),
    "title.conv_backward.db_averaged": "db를 합 대신 평균으로 계산함",
    "diag.conv_backward.db_averaged": (
        "`{out}`은(는) dout의 합이 아니라 평균입니다: b[f]는 모든 샘플의 모든 위치에서 쓰이므로 "
        "db[f] = dout[:, f].sum()입니다."),
    "title.conv_backward.dw_overwritten": "dw를 누적하지 않고 덮어씀",
    "diag.conv_backward.dw_overwritten": (
        "`{out}`에는 마지막 창의 기여만 남아 있습니다: 각 가중치는 모든 샘플의 모든 위치에서 "
        "쓰이므로 대입하지 말고 dw[f] += ...로 더하세요."),
    "title.conv_backward.dx_overwritten": "창이 겹치는 곳에서 dx를 덮어씀",
    "diag.conv_backward.dx_overwritten": (
        "`{out}`에는 창이나 필터가 겹치는 곳에서 마지막 기여만 남아 있습니다: 대입하지 말고 "
        "dx_pad[...] += ...로 누적하세요."),
    "title.max_pool_backward.overwritten": "풀링 창이 겹치는 곳에서 기울기를 덮어씀",
    "diag.max_pool_backward.overwritten": (
        "`{out}`은(는) 풀링 창이 겹치는 곳에서 기울기를 잃습니다: 여러 창의 최댓값인 입력은 그 "
        "창들의 기울기를 모두 더해 받으므로 +=로 누적하세요."),
    "title.max_pool_backward.spread_ties": "같은 최댓값마다 기울기를 복사함",
    "diag.max_pool_backward.spread_ties": (
        "`{out}`은(는) 창의 최댓값이 여러 개일 때 그 위치마다 기울기 전체를 줍니다(마스크 "
        "x == max): np.argmax처럼 첫 번째 최댓값 한 곳에만 주세요."),
    "title.alexnet_params.no_bias": "편향을 빼고 셈",
    "diag.alexnet_params.no_bias": (
        "`{name}` = {got}은(는) 가중치만 센 값입니다: 출력 채널(또는 유닛)마다 하나씩 있는 편향을 "
        "더하세요."),
    "title.alexnet_params.grouped": "두 GPU용 그룹 합성곱으로 셈",
    "diag.alexnet_params.grouped": (
        "`{name}` = {got}은(는) 두 GPU로 나눈 AlexNet에서 이 층이 입력 채널의 절반만 보는 경우"
        "(groups=2)의 개수입니다: 모든 입력 채널을 보는, 그룹이 없는 층을 세세요."),
    "title.alexnet_params.output_size": "파라미터 수 대신 출력 크기를 씀",
    "diag.alexnet_params.output_size": (
        "`{name}` = {got}은(는) 파라미터 수가 아니라 층의 출력 크기({shape})입니다: 가중치(합성곱은 "
        "커널 높이 × 너비 × 입력 채널 × 필터 수, 완전 연결 층은 입력 수 × 출력 수)에 편향을 더해 "
        "세세요. 풀링 층은 파라미터가 없습니다(0)."),
    "title.alexnet_params.wrong_classes": "클래스 수가 틀림",
    "diag.alexnet_params.wrong_classes": (
        "`{name}` = {got}은(는) 클래스가 {classes}개일 때의 개수입니다: ImageNet용 AlexNet은 "
        "1000개입니다."),
    "title.alexnet_params.torchvision": "torchvision의 AlexNet으로 셈",
    "diag.alexnet_params.torchvision": (
        "`{name}` = {got}은(는) 논문의 네트워크가 아니라 torchvision의 AlexNet(채널 "
        "64-192-384-256-256)의 개수입니다."),
    "title.model.batchnorm_added": "BatchNorm을 추가함",
    "diag.model.batchnorm_added": (
        "여러분의 모델은 {layers} 뒤에 BatchNorm을 넣은 기준 모델과 일치합니다: 논문의 AlexNet에는 "
        "BatchNorm이 없습니다(2015년에 나왔습니다). 빼세요."),
    "title.model.grouped": "두 GPU용 그룹 합성곱",
    "diag.model.grouped": (
        "여러분의 모델은 conv2, conv4, conv5가 groups=2인 두 GPU용 AlexNet과 일치합니다: 그룹이 "
        "없는(groups=1) 네트워크를 만드세요."),
    "title.model.wrong_classes": "클래스 수가 고정됨",
    "diag.model.wrong_classes": (
        "클래스 {asked}개로 만든 여러분의 모델의 출력이 {got}개입니다: 마지막 Linear 층에 고정된 "
        "숫자 대신 생성자의 n_classes를 쓰세요."),
    "title.model.fc1_inputs": "FC1 앞의 특징 맵 크기가 다름",
    "diag.model.fc1_inputs": (
        "파라미터 수가 FC1의 입력이 {expected:,}개가 아니라 {got:,}개인 기준 모델과 일치합니다: "
        "앞쪽 층의 패딩이나 stride가 마지막 특징 맵의 크기를 바꿉니다. 어느 층인지는 layers "
        "검사가 알려 줍니다."),
    "title.model.padding_differs": "어떤 층의 패딩이 다름",
    "diag.model.padding_differs": (
        "{layer}의 패딩이 {expected}이(가) 아니라 {got}입니다. 나머지는 그 패딩으로 만든 기준 "
        "모델과 일치합니다(그러면 {layer}의 출력이 {ref_shape} 대신 {shape}이(가) 됩니다)."),
    "title.model.stride_differs": "어떤 층의 stride가 다름",
    "diag.model.stride_differs": (
        "{layer}의 stride가 {expected}이(가) 아니라 {got}입니다. 나머지는 그 stride로 만든 기준 "
        "모델과 일치합니다(그러면 {layer}의 출력이 {ref_shape} 대신 {shape}이(가) 됩니다)."),
    "title.model.softmax_output": "출력에 softmax를 적용함",
    "diag.model.softmax_output": (
        "여러분의 출력은 기준 로짓에 softmax를 적용한 값입니다: 로짓을 그대로 반환하세요"
        "(nn.CrossEntropyLoss가 log-softmax를 직접 적용합니다)."),
    "title.model.log_softmax_output": "출력에 log_softmax를 적용함",
    "diag.model.log_softmax_output": (
        "여러분의 출력은 기준 로짓에 log_softmax를 적용한 값입니다: 로짓을 그대로 반환하세요"
        "(nn.CrossEntropyLoss가 log-softmax를 직접 적용합니다)."),
    "title.model.missing_activation": "층 뒤의 활성화 함수 누락",
    "diag.model.missing_activation": (
        "여러분의 출력은 {layer} 뒤의 ReLU를 뺀 기준 모델과 일치합니다: ReLU를 넣으세요."),
    "title.none": "알려진 실수와 일치하지 않음",
    "title.none.border": "가장자리에만 오차 (패딩)",
}

WHERE = {
    "where.none": "`{out}`과(와) 일치하는 알려진 실수가 없습니다.",
    "where.none_shape": "`{out}`의 모양 {got}을(를) 만드는 알려진 실수가 없습니다.",
    "where.none_value": "`{name}` = {got}을(를) 만드는 알려진 실수가 없습니다.",
    "where.none_model": "여러분의 모델의 {what}과(와) 일치하는 알려진 실수가 없습니다.",
    "where.what.param_count": "파라미터 수",
    "where.what.output_shape": "출력 모양",
    "where.what.layers": "층 구성",
    "where.what.forward": "출력",
    "where.zeros": " `{out}`의 값이 모두 0입니다: 함수가 아직 계산하지 않나요?",
    "where.border": (" 오차가 모두 이미지 가장자리에서 {band}픽셀 안쪽에만 있고 안쪽은 맞습니다: "
                     "패딩 문제입니다."),
    "where.sample": " 오차의 {share:.0%}가 샘플 {index}(0번 축)에 있습니다.",
    "where.channel": " 오차의 {share:.0%}가 채널 {index}(1번 축)에 있습니다.",
    "where.worst": " 가장 큰 오차: {entries}.",
    "where.entry": "{index} 여러분 {got:.4g}, 기준 {expected:.4g}",
    "where.map_alt": "{out}의 오차 지도: 채널별 |여러분 − 기준|, 0번 축에 대한 최댓값",
}

REPORT = {
    "report.isolation": "격리",
    "report.unknown_assignment": "알 수 없는 과제",
    "report.points": "점",
    "report.notebook": "노트북",
    "report.status": "상태",
    "report.graded": "채점",
    "report.graded_value": "cnn-grader {version}, {seconds:.1f}초",
    "report.checks": "검사 항목",
    "report.check": "검사",
    "report.what": "찾은 내용",
    "report.public": "공개",
    "report.likely": "예상되는 실수",
    "report.no_match": "알려진 실수 없음",
    "report.maps": "오차가 있는 곳 (진할수록 큼)",
    "report.your_layer": "여러분의 층",
    "report.reference": "기준",
    "report.locked_layer": "기대하는 층과 비교",
    "report.staff_note": ("학생 배포판으로 채점했습니다: 답은 PyTorch 자체 연산과 잠긴(lock) 기대값으로 "
                          "확인하며, 기대값은 보여 주지 않습니다. “조교 채점” 항목은 제출 후 조교가 "
                          "채점하며 위 점수에는 포함되지 않습니다."),
    "report.traceback": "여러분의 트레이스백",
    "report.cells": "깔끔하게 실행되지 않은 노트북 셀",
    "report.cells_note": ("오류가 나더라도 모든 셀을 실행합니다. 멈추거나 커널을 종료시키는 셀은 노트북을 "
                          "다시 실행할 때 건너뜁니다."),
    "report.code_cell": "코드 셀",
    "report.error": "오류",
    "report.footer": ("점수는 여러분의 커널 밖에서, 일반 데이터만으로, 여러분의 코드가 읽을 수 없는 기준 "
                      "답과 비교해 계산합니다. 비공개 사례는 조교만 아는 비밀 값으로 제출물마다 따로 뽑습니다."),
    "status.pass": "통과",
    "status.fail": "실패",
    "status.error": "오류",
    "status.timeout": "시간 초과",
    "status.staff": "조교 채점",
    "status.graded": "채점됨",
    "index.title": "채점된 제출물",
    "index.summary": "노트북 {count}개, cnn-grader {version}.",
    "index.skipped_count": "파일 {count}개를 건너뛰었습니다 (노트북이 아니거나 링크: 아래 목록 참고).",
    "index.student": "학생",
    "index.assignment": "과제",
    "index.score": "점수",
    "index.report": "보고서",
    "index.common": "가장 흔한 실수",
    "index.common_note": "실패한 검사마다 채점기가 진단한 실수입니다. 한 학생은 실수마다 한 번 셉니다.",
    "index.mistake": "실수",
    "index.students": "학생 수",
    "index.checks": "검사 수",
    "index.all": "모든 제출물",
    "index.skipped": "건너뛴 파일",
    "cli.staff_judged": "제출 후 조교가 채점",
    "cli.staff_note": "{names}: 제출 후 조교가 채점하며, 위 점수에는 포함되지 않습니다",
    "cli.start": "노트북 {count}개 채점 시작: {where}",
    "cli.where_workers": "작업자 {workers}개, 격리 {level}",
    "cli.where_dask": "Dask 스케줄러 {address}",
    "cli.not_graded": "채점할 수 없습니다: {message}",
    "cli.passes": "{count}개 중 {passed}개 통과",
    "cli.not_passing": "   통과하지 못함: {which}",
    "cli.first_problem": "첫 번째 문제: {id}: {message}",
    "cli.report": "보고서: {page}",
    "cli.done": ("완료: 노트북 {count}개, 이번에 채점 {graded}개, 성적부에서 {reused}개, 채점할 수 없던 것 {errors}개, "
                 "건너뛴 파일 {skipped}개, 걸린 시간 {clock}. 보고서는 {out}/ (index.html, results.json, grades.csv)"),
    "progress.error": "오류  {message}",
    "progress.first_problem": "  첫 번째 문제: {id}: {message}",
    "progress.from_gradebook": "  (성적부)",
    "progress.errors_one": "오류 {count}개",
    "progress.errors_many": "오류 {count}개",
    "progress.all_done": "모두 완료",
    "progress.eta_unknown": "남은 시간 알 수 없음",
    "progress.eta": "{clock} 남음",
}

# 노트북 안의 check() (grader/selfcheck.py, grader/check_cli.py)
SELFCHECK = {
    "check.running": ("{names} ({assignment}) 검사 중: 지금까지 실행한 코드를 새 커널에서 실행한 뒤 "
                      "공개 케이스를 확인합니다…"),
    "check.summary": "공개 케이스 {count}개 중 {passed}개 통과",
    "check.summary_practice": ("연습 입력으로 케이스 {count}개 중 {passed}개 통과 (공개 케이스가 없으며, "
                               "채점할 때는 다른 입력을 씁니다)"),
    "check.raised_at": "오류가 난 곳: {where}",
    "check.hidden_note": "공개되지 않은 케이스는 노트북을 채점할 때만 검사합니다.",
    "check.cell_note": "참고: 새 커널에서 코드를 다시 실행할 때 In [{number}]이(가) 깔끔하게 실행되지 않았습니다: {what}",
    "check.more_cells": "참고: 그 밖에 셀 {count}개가 깔끔하게 실행되지 않았습니다",
    "check.cell.timeout": "시간 제한을 넘어 건너뛰었습니다",
    "check.cell.died": "이 셀에서 커널이 종료되어 건너뛰었습니다",
    "check.cell.skipped": "건너뛰었습니다",
    "check.not_graded": "검사할 수 없습니다: {reason}",
    "check.failed": "검사를 실행하지 못했습니다 (종료 코드 {code}):\n{stderr}",
    "check.interrupted": "검사를 중단했습니다. 검사용 커널도 중지했습니다",
    "check.unknown_name": "`{name}`은(는) 채점 대상 이름이 아닙니다{guess}. 채점 대상 이름:{listing}",
    "check.did_you_mean": " (`{guess}`을(를) 찾으셨나요?)",
    "check.ambiguous": ("`{name}`은(는) 여러 과제({assignments})에서 채점합니다: "
                        "check(\"{name}\", assignment=...)로 과제를 지정하세요"),
    "check.unknown_assignment": "알 수 없는 과제 `{assignment}`; 있는 과제: {known}",
    "check.need_name": ("check()가 이 노트북이 어느 과제인지 알 수 없습니다: check(\"conv_forward_naive\")처럼 "
                        "채점 대상 이름을 주세요. 채점 대상 이름:{listing}"),
    "check.not_a_name": ("check()에는 채점 대상 이름을 문자열로 주세요. 예: check(\"conv_forward_naive\"). "
                         "채점 대상 이름:{listing}"),
    "check.no_ipython": ("check()는 Jupyter 노트북(IPython 커널) 안에서 동작합니다. 그 밖에서는 저장한 노트북에 "
                         "`grade NOTEBOOK`을 실행하세요"),
    "check.lang": "알 수 없는 언어 `{got}`; check()가 쓰는 언어: {langs}",
}

MESSAGES = CHECKS | DIAGNOSES | WHERE | REPORT | SELFCHECK

# 채점 대상별 판정 (grader/verdicts.py), 층 표로 추론한 모델 진단 (grader/diagnose/tables.py),
# 최대 풀링 역전파의 동점 최댓값 (grader/compare.py).
FEEDBACK = {
    "verdict.only_case": "유일한 케이스",
    "verdict.all_cases": "케이스 {count}개 모두",
    "verdict.some_cases": "케이스 {total}개 중 {count}개 ({cases})",
    "report.verdicts": "채점 대상별 판정",
    "report.name": "채점 대상",
    "report.passing": "통과한 케이스",
    "report.to_fix": "고칠 점",
    "report.all_pass": "모든 케이스 통과",
    "report.cases_of": "케이스 {count}개 중 {passed}개 통과, 점수 {score:.2f} / {max_score:g}",
    "report.cases_note": "채점 대상마다 케이스별 메시지, 오차 지도, 가장 큰 오차 항목을 아래에 접어 두었습니다. 펼쳐서 보세요.",
    "report.this_case": "여기",
    "report.your_code": "채점한 여러분의 `{name}` (코드 셀 {cell})",
    "report.marked_line": "{line}번째 줄 표시: 예상되는 실수가 있는 곳",
    "check.marked_line": "예상되는 실수는 In [{cell}]의 {line}번째 줄에 있습니다: {code}",
    "title.model.layer_added": "층이 추가됨",
    "title.model.layer_removed": "층이 빠짐",
    "title.model.layer_changed": "층이 다름",
    "title.model.channels_differ": "층의 채널 수가 다름",
    "title.model.kernel_differs": "층의 커널 크기가 다름",
    "title.model.classes_ignored": "클래스 수를 무시함",
    "table.row.Conv2d": "Conv2d({in_channels}, {out_channels}, 커널 {kernel})",
    "table.row.Linear": "Linear({in_features}, {out_features})",
    "table.row.norm": "{type}({num_features}) (weight와 bias)",
    "table.row.other": "{type}",
    "table.after": "{layer} 뒤의 {row}",
    "table.before": "{layer} 앞의 {row}",
    "table.params": "매개변수 {sign}{count:,}개 = {rows}",
    "table.added": "{params}: 참조 모델에는 이 층이 없으니 빼세요.",
    "table.added_norm": "{params}: 논문의 AlexNet에는 BatchNorm이 없습니다 (2015년에 나왔습니다). 빼세요.",
    "table.removed": "{params}이(가) 빠졌습니다: 참조 모델에는 이 층이 있으니 넣으세요.",
    "table.field.out_channels": "필터가 {expected}개가 아니라 {got}개",
    "table.field.out_features": "출력이 {expected}개가 아니라 {got}개",
    "table.field.kernel_size": "커널이 {expected}이(가) 아니라 {got}",
    "table.field.stride": "stride가 {expected}이(가) 아니라 {got}",
    "table.field.padding": "padding이 {expected}이(가) 아니라 {got}",
    "table.field.groups": "groups가 {expected}이(가) 아니라 {got}",
    "table.field.num_features": "특성이 {expected}개가 아니라 {got}개",
    "table.changed": "{layer}의 {what}입니다",
    "table.gives": ": 출력이 {ref_shape}이(가) 아니라 {shape}이고",
    "table.shifts": ", 그 때문에 {next}이(가) 달라집니다 ({field}이(가) {expected}이(가) 아니라 {got})",
    "table.params_delta": " (매개변수 {sign}{count:,}개)",
    "table.classes_ignored": ("{cls}({asked})을(를) 만들었는데 {layer}의 출력이 {got}개입니다: 분류기가 클래스 수를 "
                              "무시합니다. 마지막 Linear 층에 생성자의 인자를 쓰세요."),
    "table.no_activation": ("참조 모델은 {layer}에 ReLU의 출력을 넣는데, 여러분의 모델은 음수가 섞인 값을 넣습니다: "
                            "{before} 뒤의 ReLU가 빠졌습니다. 넣으세요."),
    "table.count_norm": ("{params}: 참조 모델에 이 BatchNorm 층들을 더한 개수와 같습니다. 논문의 AlexNet에는 "
                         "BatchNorm이 없으니 빼세요."),
    "table.count_channels": "{layer}의 필터가 {expected}개가 아니라 {got}개이면 바로 이 개수가 됩니다 (매개변수 {delta:+,}개).",
    "ties.note": (" 최댓값이 동점인 창이 있습니다: 여러분의 기울기는 {how}. 그곳에서 max는 미분할 수 없으므로 어떤 "
                  "부분기울기든 인정합니다: 동점 최댓값 중 하나에 기울기 전체를 주어도, (CS231n의 검사처럼) 모두에게 "
                  "주어도 됩니다."),
    "ties.pass": "`{out}`은(는) 최대 풀링의 올바른 기울기입니다.",
    "ties.one": "그중 하나로 갑니다",
    "ties.all": "모두에게 갑니다",
}
MESSAGES.update(FEEDBACK)

# 오류 (grader/errors.py)와 `grade`, 검사기의 사용법 오류.
ERRORS = {
    "error.path_not_found": "그런 파일이나 폴더가 없습니다: {path}",
    "error.unknown_assignment": "알 수 없는 과제 {name}; 있는 과제: {known}",
    "error.scheduler": "Dask 스케줄러 {address}을(를) 쓸 수 없습니다: {why}",
    "error.cluster_mismatch": ("Dask 작업자 {worker}: {what}; 클러스터의 모든 컴퓨터에 같은 cnn-grader 체크아웃을 "
                               "설치하세요"),
    "error.undetermined": ("알 수 없는 과제: {path}에는 채점기 메타데이터가 없고 파일 이름에도 과제 이름이 없습니다. "
                           "--assignment NAME을 주세요"),
    "error.workers": "--workers는 1 이상이어야 합니다 ({workers}이(가) 아니라)",
    "error.memory": "--memory는 양수(GiB)여야 합니다",
    "error.weak_isolation": ("여기서는 격리 수준 {level}만 쓸 수 있습니다 (가장 강한 격리를 위해 bubblewrap을 "
                             "설치하세요). 그래도 여러 노트북을 채점하려면 --allow-weak-isolation을 주세요"),
    "error.weak_warning": "경고: 커널을 약한 격리({level})로 실행합니다",
    "error.validate_needs_solutions": "grade validate에는 조교용 체크아웃(solutions/ 포함)이 필요합니다",
    "error.no_rubric": "{folder}에 rubric.toml이 없습니다",
    "error.usage": "{prog}: 오류: {message}",
    "error.cannot_go_on": "{prog}: 채점기가 계속할 수 없습니다: {message}",
    "error.interrupted": ("grade: 중단했습니다. 채점한 노트북은 성적부에 남아 있으니 같은 명령을 다시 실행하면 "
                          "이어서 채점합니다"),
    "error.no_graded_name": "{assignment}에는 채점 대상 이름 {name}이(가) 없습니다",
    "error.no_notebook": "그런 노트북이 없습니다: {path}",
    "reason.count_not_int": "읽어 온 파라미터 수가 정수가 아닙니다",
    "reason.table_malformed": "읽어 온 층 표의 형식이 잘못되었습니다",
    "reason.value_not_int": "읽어 온 값이 정수가 아닙니다",
    "reason.report_malformed": "읽어 온 보고의 형식이 잘못되었습니다 ({why})",
    "validate.ok": "과제가 올바릅니다",
    "validate.not_ok": "과제가 올바르지 않습니다",
}
MESSAGES.update(ERRORS)
# grade review (grader/review): 조교용 검토 앱, 그리고 학생 페이지에 보이는 조교의 결정
REVIEW = {
    "review.check_points": "{by}이(가) 점수를 정했습니다 ({at}); 자동 채점 점수는 {auto:g}점이었습니다",
    "review.comment_by": "{by}의 코멘트 ({at})",
    "review.by_hand": "조교 검토",
    "review.auto_total": "조교가 점수를 바꿨습니다: 자동 채점 {auto:.2f}점, 최종 {score:.2f}점.",
    "review.item": "항목",
    "review.comment": "코멘트",
    "review.needs_review": "검토 필요",
    "review.adjustment": "{by}의 점수 조정 ({at}): {points:+g}점",
    "review.forbidden": ("{status}: 거부되었습니다. `grade review`가 출력한 주소를 토큰과 함께 여세요. "
                         "변경은 페이지의 양식으로만 할 수 있습니다."),
    "review.not_found": "{status}: 이 검토에 없는 페이지입니다",
    "review.failed": "{status}: 요청이 실패했습니다",
    "review.bad_number": "`{got}`은(는) 점수로 읽을 수 없습니다",
    "review.out_of_range": "{got}은(는) 범위를 벗어났습니다: {low:g}에서 {high:g} 사이의 값을 주세요",
    "review.too_long": "코멘트가 {limit}자보다 깁니다",
    "review.need_name": "먼저 페이지 위쪽에 이름을 적으세요: 모든 결정은 누가 했는지와 함께 보관됩니다",
    "review.empty": "저장할 것이 없습니다: 점수나 코멘트를 주세요 (결정을 지우려면 철회)",
    "review.gone": "이 제출물이나 항목은 폴더의 마지막 실행에 더 이상 없습니다; 페이지는 현재 상태를 보여 줍니다",
    "review.saved": "저장했습니다: {item}; 보고서, results.json, grades.csv를 다시 썼습니다",
    "review.stale": ("저장하지 않았습니다: 페이지를 연 뒤에 {by}이(가) 이 항목을 저장했습니다 (현재 버전 {version}). "
                     "페이지는 그 결정을 보여 줍니다; 여전히 다르게 보신다면 다시 바꾸세요."),
    "review.no_gradebook": "{out}에 gradebook.sqlite가 없습니다: 먼저 그 폴더로 채점하세요 (grade PATH... --out {out})",
    "review.no_run": ("{out}의 채점부에는 마지막 실행이 어떤 결과를 썼는지 기록되어 있지 않습니다: 같은 "
                      "`grade ... --out {out}`을(를) 한 번 더 실행하세요 (채점된 것은 다시 씁니다)"),
    "review.started": "검토: 브라우저에서 이 주소를 여세요 (접근 토큰이 들어 있습니다):\n    {url}\nCtrl-C로 멈춥니다.",
    "review.stopped": "검토를 멈췄습니다",
    "review.title": "grade review",
    "review.list": "수강생",
    "review.as": "검토자",
    "review.no_name": "이름",
    "review.set_name": "설정",
    "review.keys": ("키: j 또는 → 다음, k 또는 ← 이전, u 수강생 목록, s 첫 점수 칸, "
                    "Ctrl+Enter 양식 저장, Esc 칸에서 나가기."),
    "review.any_assignment": "모든 과제",
    "review.any_check": "모든 검사",
    "review.any_status": "모든 상태",
    "review.unreadable": "채점할 수 없음",
    "review.needs_only": "검토 필요만",
    "review.filter": "거르기",
    "review.shown": "제출물 {count}개 중 {shown}개",
    "review.col_number": "#",
    "review.col_student": "학생",
    "review.col_assignment": "과제",
    "review.col_score": "점수",
    "review.col_status": "검사",
    "review.col_flags": "검토",
    "review.problems": "{count}개 통과 못함",
    "review.changed": "조교가 바꿈",
    "review.prev": "이전",
    "review.next": "다음",
    "review.place": "{count}개 중 {at}번째",
    "review.auto": "자동",
    "review.final": "최종",
    "review.student_page": "학생 페이지 (쓰인 그대로)",
    "review.submission": "제출물 전체",
    "review.adjust_field": "조정 ({low:g}에서 {high:g})",
    "review.points_field": "점수 ({low:g}–{high:g})",
    "review.code": "제출된 그대로의 코드 셀",
    "review.no_cells": "채점부에 이 노트북의 셀이 없습니다 (폴더를 다시 채점하면 보관됩니다).",
    "review.save": "저장",
    "review.withdraw": "철회",
    "review.decided": "{by}, {at}",
    "review.replaced": "자동 판정 {status}, {auto:g}점을 대신함",
    "review.override": "점수 바꾸기",
    "review.cli_needs": "검토 필요: 조교가 직접 채점합니다 ({points:g}점)",
    "review.orphans": "이번 실행에는 없는 항목에 대해 보관된 결정입니다 (루브릭이 바뀜); 점수에 넣지 않습니다:",
    "review.recheck": "자동 판정이 바뀜, 다시 확인",
}
MESSAGES = MESSAGES | REVIEW
# 학급 전체의 비슷한 제출물 (grader/similarity/), 교수진 전용
SIMILAR = {
    "similar.title": "비슷한 제출물",
    "similar.staff_only": "교수진 전용: 이 페이지나 파일을 학생에게 절대 공유하지 마세요.",
    "similar.not_verdict": ("유사도 점수는 살펴볼 근거일 뿐 판정이 아닙니다. 같은 강의, 튜토리얼, 교재를 따르는 학생들은 "
                            "비슷하게 씁니다. 노트북을 나란히 놓고 살펴보고, 무엇이든 결정하기 전에 학생과 이야기하세요."),
    "similar.method": ("비교하는 것: 코드 셀(주석과 배치는 버리고, 이름과 리터럴 값은 정규화하므로 이름 바꾸기와 "
                       "서식 바꾸기는 아무것도 바꾸지 않습니다)과 학생이 직접 쓴 마크다운. 템플릿의 텍스트{bases}는 "
                       "빼고, 많은 학생의 노트북에 있는 구간은 상식으로 보아 제쳐 둡니다. 위노잉(MOSS와 같은 방식의 "
                       "copydetect 패키지)이 {k}개 토큰 이상의 공통 구간을 찾으며, {guarantee}개 토큰 구간은 "
                       "반드시 찾습니다. 같은 오답, 채점기가 짚은 같은 실수, 같은 마크다운 답도 쌍의 점수를 높이며, "
                       "공유하는 학생이 적을수록 더 높입니다."),
    "similar.bases": "와 기반 자료({names})의 텍스트",
    "similar.nothing": "두 학생 이상의 노트북이 있는 과제가 없어 비교할 것이 없습니다.",
    "similar.section": ("학생 {students}명의 노트북 {count}개; 쌍 {pairs}개 표시; 유사도 {threshold} 이상인 쌍으로 "
                        "묶음을 만듭니다; 많은 학생에게 공통인 구간 {common}개는 제쳐 두었습니다."),
    "similar.clusters": "묶음",
    "similar.no_clusters": "기준에 이르는 쌍이 없습니다.",
    "similar.cluster_line": "학생 {count}명, 가장 높은 유사도 {value}",
    "similar.pairs": "쌍",
    "similar.no_pairs": "표시할 만큼 비슷한 쌍이 없습니다.",
    "similar.sort_by": "정렬:",
    "similar.sort_similarity": "유사도",
    "similar.sort_run": "가장 긴 구간",
    "similar.sort_evidence": "근거",
    "similar.sort_name": "학생",
    "similar.student_a": "학생",
    "similar.student_b": "학생",
    "similar.similarity": "유사도",
    "similar.tokens": "일치 토큰",
    "similar.longest_run": "가장 긴 구간(토큰)",
    "similar.cells": "일치하는 셀",
    "similar.evidence": "토큰 밖의 근거",
    "similar.view": "나란히 보기",
    "similar.views": "나란히 보기",
    "similar.views_note": "기준 이상인 쌍, 유사도가 높은 순서.",
    "similar.legend_match": "다른 노트북과 공통",
    "similar.legend_base": "기반 자료에도 있음 (세지 않음)",
    "similar.base_note": "토큰 {a}개와 {b}개가 기반 자료에도 있어 세지 않았습니다.",
    "similar.no_code": "일치하는 코드가 없습니다: 토큰 밖의 근거 때문에 표시된 쌍입니다.",
    "similar.cell": "셀 {index} ({kind})",
    "similar.kind.wrong_answer": "같은 오답",
    "similar.kind.mistake": "같은 실수",
    "similar.kind.markdown": "같은 마크다운 답",
    "similar.shared_by": "학생 {count}명이 공유",
    "similar.summary": "{assignment}: 노트북 {count}개 비교, 기준 이상인 쌍 {pairs}개, 묶음 {clusters}개",
    "similar.written": "비슷한 제출물: {page} (채점된 노트북 {verdicts}개의 판정을 근거로 사용)",
    "similar.template_lines": "⋯ 템플릿 {count}줄 더 ⋯",
    "similar.legend_template": "템플릿의 텍스트 (세지 않음)",
    "similar.legend_common": "많은 학생에게 공통 (세지 않음)",
    "similar.link": "비슷한 제출물 (교수진 전용)",
}

MESSAGES = MESSAGES | SIMILAR

# Dask workers that cannot isolate kernels as the coordinator asks (grader/cluster.py)
CLUSTER = {
    "cluster.refused": "Dask 워커 {worker}는 요청한 격리로 채점할 수 없습니다: {why}",
    "cluster.weak_not_allowed": ("그 워커의 가장 강한 격리 수준이 bubblewrap보다 약한 {level!r}인데, 약한 격리가 "
                                 "허용되지 않았습니다 (그곳에 bubblewrap을 설치하거나 --allow-weak-isolation을 주세요)"),
}
MESSAGES |= CLUSTER

INFRA = {
    "infra.worker": "채점 작업 프로세스가 종료되었습니다",
    "budget_spent": "실행하지 않음: 제출물 하나에 주어진 시간 {seconds}초를 모두 썼습니다 (멈춤과 충돌 뒤의 재시작 포함)",
    "infra.not_graded": "채점하지 못함: {reason}; 다음 실행에서 다시 채점합니다",
    "infra.start": "채점 커널을 시작하지 못했습니다 ({detail})",
    "infra.oom": "컴퓨터의 메모리가 부족해 채점 커널이 강제 종료되었습니다",
    "infra.zygote": "채점 커널을 만든 사전 준비 프로세스가 종료되었습니다",
    "index.not_graded": "채점 안 됨",
}

MESSAGES |= INFRA

# a real class in (issue 13): rosters, course files, LMS gradebooks (grader/roster.py, course.py, lms.py)
CLASSIN = {
    "roster.encoding": "{file}은(는) UTF-8도 CP949도 아닌 텍스트입니다",
    "roster.unreadable": "명단 {file}을(를) 읽을 수 없습니다 ({reason})",
    "roster.no_key_column": "명단 {file}의 첫 줄에 {columns} 열이 하나도 없습니다",
    "roster.no_key": "{file} {line}행: {columns}이(가) 모두 비어 있어 명단에서 뺍니다",
    "roster.duplicate": "{file} {line}행: id {id}은(는) 이미 {first}행에 있어 이 행을 뺍니다",
    "roster.ambiguous": ("{path}이(가) {file}의 여러 행({lines}행)과 일치합니다; 채점은 하되 명단에 없는 "
                         "제출로 따로 둡니다"),
    "course.unreadable": "과목 파일 {file}을(를) 읽을 수 없습니다 ({reason})",
    "course.bad_count": "{file}: count는 \"latest\" 또는 \"best\"여야 합니다 ({got!r}이(가) 아님)",
    "course.bad_late": "{file}: [late]에 숫자가 아닌 값이 있습니다",
    "course.bad_per": "{file}: [late]의 per는 \"day\" 또는 \"hour\"여야 합니다 ({got!r}이(가) 아님)",
    "course.bad_deadline": "{file} {line}행: {assignment}의 마감이 ISO 8601 날짜·시각이 아니어서 마감 없이 채점합니다",
    "course.no_zone": ("{file} {line}행: {assignment}의 마감에 시간대가 없습니다 (2026-03-15T23:59:00+09:00처럼 "
                       "쓰세요); 마감 없이 채점합니다"),
    "lms.unreadable": "LMS 성적부 {file}을(를) 읽을 수 없습니다 ({reason})",
    "lms.unknown": ("{file}은(는) Canvas 성적부 내보내기(Student, ID, SIS User ID 열)도 Moodle 성적부"
                    "(Email address 열)도 아닙니다"),
    "lms.no_column": "{file}에 {assignment}의 열이 없습니다; course.toml의 lms_column으로 지정하세요",
    "lms.written": "LMS 성적부를 채웠습니다: {file} (학생 {rows}명, 열 {columns}개)",
    "layout.yaml": "{file} {line}행: YAML로 읽을 수 없습니다 ({reason}); 제출은 폴더 이름으로, 시각 없이 채점합니다",
    "layout.not_mapping": "{file} 1행: 제출 폴더와 제출자 목록이 아닙니다; 제출은 폴더 이름으로, 시각 없이 채점합니다",
    "layout.timestamp": "{file} 1행: nbgrader가 쓰는 시각이 아닙니다 ({got}); 이 제출의 시각은 여기서 얻지 못합니다",
    "class.per_day": "일",
    "class.per_hour": "시간",
    "class.problem": "경고: {problem}",
    "class.lateness": "지각",
    "class.submitted_at": "제출 시각",
    "class.time_source": "시각 출처",
    "class.deadline": "마감",
    "class.late": "지각",
    "class.on_time": "기한 내",
    "class.late_units": "{units}{per} 지각 (시작된 {per} 단위)",
    "class.rejected": "받지 않음(너무 늦음): 0점",
    "class.raw": "원점수",
    "class.penalty": "감점",
    "class.final": "최종 점수",
    "class.counted": "반영됨",
    "class.not_counted": "반영 안 됨 (다른 제출이 반영됨)",
    "class.outsiders": "명단에 없는 제출자",
    "class.missing": "미제출 (0점)",
    "class.problems": "수강생 입력 문제",
    "class.submissions": "제출, 지각, 반영 여부",
}
MESSAGES = MESSAGES | CLASSIN

WEEK7 = {
    # cnn_arithmetic (formula checks)
    "formula.pass": "`{call}` = {value}, 예상대로입니다",
    "formula.wrong": "`{call}`이(가) {got}을(를) 반환했습니다. 기대값은 {expected}입니다",
    "formula.not_number": "`{call}`이(가) 수 하나(int, 또는 정수 값인 float)를 반환하지 않았습니다",
    "formula.raises_pass": "`{call}`이(가) 예상대로 ValueError를 일으킵니다: 윈도우가 입력에 정수 번 들어맞지 않습니다",
    "formula.raises_other": ("`{call}`이(가) {ename}({evalue})을(를) 일으켰습니다. ValueError를 기대했습니다: "
                             "윈도우가 입력에 정수 번 들어맞지 않습니다"),
    "formula.no_raise": ("`{call}`이(가) {got}을(를) 반환했습니다. ValueError를 기대했습니다: 윈도우가 입력에 "
                         "정수 번 들어맞지 않으므로 출력 크기가 존재하지 않습니다"),
    "title.cnn_arithmetic.minus_one": "+1 대신 -1",
    "diag.cnn_arithmetic.minus_one": ("`{call}`은(는) 1을 더할 곳에서 1을 뺀 공식입니다: 출력은 윈도우의 첫 위치도 "
                                      "세므로 (N - F + 2P)/S + 1입니다."),
    "title.cnn_arithmetic.pad_once": "패딩을 한 번만 셈",
    "diag.cnn_arithmetic.pad_once": ("`{call}`은(는) 패딩을 한 번만 셉니다: 0 P개가 입력의 양쪽에 붙으므로 공식은 "
                                     "+ P가 아니라 + 2P입니다."),
    "title.cnn_arithmetic.no_padding": "패딩을 뺌",
    "diag.cnn_arithmetic.no_padding": "`{call}`은(는) 패딩을 빠뜨렸습니다: 공식은 (N - F + 2P)/S + 1입니다.",
    "title.cnn_arithmetic.no_valueerror": "맞지 않는 크기에 ValueError 없음",
    "diag.cnn_arithmetic.no_valueerror": ("`{call}`은(는) 공식의 값이 정수인지 확인하지 않고 반환합니다: 윈도우가 "
                                          "움직이는 거리를 S가 나누어떨어지지 않으면 ValueError를 일으키세요."),
    "title.cnn_arithmetic.floor": "ValueError 대신 내림",
    "diag.cnn_arithmetic.floor": ("`{call}`은(는) ValueError를 일으켜야 할 곳에서 크기를 내림합니다(//, int(), floor): "
                                  "정수 번 들어맞지 않는 윈도우에는 출력 크기가 없습니다."),
    "title.cnn_arithmetic.no_bias": "편향을 빼고 셈",
    "diag.cnn_arithmetic.no_bias": ("`{call}`은(는) 가중치만 셉니다: 필터마다 편향이 하나 있으므로 합성곱 하나는 "
                                    "(F*F*C_in + 1)*C_out입니다."),
    "title.cnn_arithmetic.bias_per_input": "입력 채널마다 편향",
    "diag.cnn_arithmetic.bias_per_input": ("`{call}`은(는) 필터마다 입력 채널 수만큼 편향을 줍니다. 필터 하나에 편향은 "
                                           "하나입니다: (F*F*C_in + 1)*C_out."),
    "title.cnn_arithmetic.bottleneck_skipped": "1x1 병목 없음",
    "diag.cnn_arithmetic.bottleneck_skipped": ("`{call}`은(는) C_in에서 C_out으로 바로 가는 F x F 합성곱입니다: 병목은 "
                                               "먼저 1x1 합성곱으로 C_mid 채널로 줄입니다."),
    "title.cnn_arithmetic.bottleneck_1x1_only": "1x1 합성곱만 셈",
    "diag.cnn_arithmetic.bottleneck_1x1_only": ("`{call}`은(는) 1x1 합성곱만 셉니다: C_mid에서 C_out 채널로 가는 "
                                                "F x F 합성곱을 더하세요."),
    # alexnet_params' markdown answers
    "md.section_missing": ("{layer}의 섹션이 없습니다: 답은 `### Layer {number} ...`처럼 층을 가리키는 제목 "
                           "아래에 적습니다"),
    "md.pass": "{layer}의 항목 {count}개가 모두 맞습니다",
    "md.partial": "{layer}의 항목 {count}개 중 {right}개가 맞습니다: {problems}",
    "md.absent": "{layer}의 {field}이(가) 적혀 있지 않습니다 (섹션에 `- **{field}**` 줄이 없음)",
    "md.missing": "{layer}의 {field}이(가) 아직 `???`입니다: 점수가 없습니다",
    "md.unreadable": "{layer}의 {field}: \"{got}\"에서 값을 읽을 수 없습니다",
    "md.wrong": "{layer}의 {field}: {expected}인데 {got}(으)로 적었습니다{why}",
    "md.shown": "{field}: {got}",
    "md.ungraded": "(채점하지 않음, 조교 확인용: {fields})",
    "md.note.grouped": ("({layer}: {got}은(는) 논문의 GPU 두 개 분할로, 각 GPU의 필터가 채널의 절반만 봅니다; "
                        "인정합니다. GPU 하나 네트워크에서는 {expected}입니다)"),
    "md.why.stride": ": 스트라이드 {expected} 대신 {got}",
    "md.why.padding": ": 패딩 {expected} 대신 {got}",
    "md.why.channels_conv": ": 출력 채널 수는 필터 수({expected})입니다",
    "md.why.channels_pool": ": 풀링은 채널 수({expected})를 바꾸지 않습니다",
    "md.why.formula": ": (N - F + 2P)/S + 1 = ({H} - {F} + 2*{P})/{S} + 1 = {out}",
    "md.why.paper_224": (": 논문의 224로는 {F}x{F} 필터, 스트라이드 {S}에서 55x55가 나올 수 없습니다 "
                         "((224 - {F})/{S} + 1 = {size:g}); AlexNet의 입력은 {expected}입니다"),
    "md.why.previous": ": 층의 입력은 앞 층의 출력입니다",
    "setup_failed": "채점기의 준비 셀이 커널에서 실패했습니다 ({status}: {ename} {evalue})",
    # alexnet_model's Keras half
    "keras.params_pass": "Keras 모델 `{model}`의 학습 파라미터 수는 {count:,}개로 예상대로입니다",
    "keras.params_wrong": ("Keras 모델 `{model}`의 학습 파라미터 수는 {count:,}개인데 {expected:,}개여야 합니다 "
                           "({diff:+,})"),
    "keras.shape_pass": "Keras 모델 `{model}`의 출력 모양은 {shape}로 예상대로입니다",
    "keras.shape_wrong": "Keras 모델 `{model}`의 출력 모양은 {got}인데 {expected}여야 합니다",
    "keras.forward_softmax": ("같은 가중치에서 출력이 기준 로짓의 softmax입니다 (오차 {err:.1e}, 허용 오차 {tol:.0e}): "
                              "마지막 softmax는 인정합니다"),
    "keras.input_size": "; 모델이 {got} 입력용으로 만들어졌습니다. AlexNet의 입력은 {expected}입니다",
    "combine.not_counted": (" (점수에 넣지 않음: {best} 쪽이 {best_score:g}점, 이 {group} 쪽이 {score:g}점; "
                            "더 나은 쪽이 점수가 됩니다)"),
    "summary.pass": "노트북이 모델 요약을 보여 줍니다 (Total params: {total:,})",
    "summary.printed": "노트북이 실행될 때 모델을 출력합니다 (print(model))",
    "summary.none": ("채점기가 노트북을 실행할 때 모델 요약이 나오지 않습니다 (torchsummary의 summary, torchinfo의 "
                     "summary, Keras의 model.summary(), print(model)); 파일에 저장된 출력은 인정하지 않습니다"),
    "summary.other": "보여 준 요약의 전체 파라미터 수는 {totals}인데 모델은 {own}입니다",
    "summary.no_model": "만들 수 있는 모델이 없음",
    "title.keras.input_size": "다른 입력 크기로 만든 Keras 모델",
    "diag.keras.input_size": ("Keras 모델이 AlexNet의 {expected}가 아니라 {got} 입력용으로 만들어졌습니다 "
                              "(`input_shape`/`Input(shape=...)`): 'valid' 패딩에서 224는 (224 - 11)/4 + 1 = 54.25가 "
                              "되어 conv1 뒤가 55x55가 아니라 54x54이고, 그 뒤의 크기와 FC1의 입력 수가 모두 달라집니다."),
}

MESSAGES = MESSAGES | WEEK7

# [[manual]] 항목의 note = "model_comments" 자동 메모 (grader/comment_note.py)
MESSAGES |= {
    "review.model_comments": ("자동 메모: 모델을 정의하는 코드 셀 {cells}개에 주석 {comments}줄, "
                              "docstring {docstrings}줄이 있습니다."),
    "review.no_model_cells": ("자동 메모: 파이썬이 읽을 수 있는 코드 셀 중 모델(nn.Module 클래스나 Keras 모델)을 "
                              "정의하는 셀이 없습니다."),
}

# 나머지 사용법·조교용 오류 (sandbox, seed, store, rubric, public, cluster, cli)와 격리 계층
# (results.json에는 영어로 남고, 페이지에는 페이지의 언어로 나옵니다)
I18N = {
    "error.level_unavailable": "여기서는 격리 수준 {level}을(를) 쓸 수 없습니다. 쓸 수 있는 가장 강한 수준은 {best}입니다",
    "error.uid_cannot_enter": ("커널은 권한 없는 전용 uid로 실행되는데, 이 uid는 {folder}에 들어갈 수 없습니다 "
                               "(권한 {mode}): `chmod o+rx {folder}`를 실행하거나 root가 아닌 사용자로 채점하세요"),
    "error.isolation_weak": ("--isolation {level}은(는) 약한 격리입니다. 이 수준으로 여러 노트북을 채점하려면 "
                             "--allow-weak-isolation을 주세요"),
    "error.seed_negative": "--seed는 0 이상이어야 합니다 ({seed}이(가) 아니라)",
    "error.secret_unreadable": "{path}을(를) 읽을 수 없습니다 ({why}). 새 비밀값을 만들려면 이 파일을 지우세요",
    "error.secret_not_file": "{path}은(는) 일반 파일이 아닙니다. 새 비밀값을 만들려면 지우세요",
    "error.secret_readable": ("{path}을(를) 다른 사용자도 읽을 수 있어서(권한 {mode}) 숨겨진 테스트 케이스가 알려졌을 수 "
                              "있습니다. 지우고 새 비밀값으로 --regrade 채점을 하거나, `chmod 600`으로 권한을 바꾸세요"),
    "error.secret_damaged": "{path}이(가) 손상되었습니다. 지우고 새 비밀값을 만드세요 (그리고 --regrade로 채점하세요)",
    "error.gradebook_unreadable": ("{path}은(는) 이 채점기가 읽을 수 있는 성적부가 아닙니다 ({why}). 지우거나 다른 "
                                   "--out을 고르세요"),
    "error.timeouts": "시간 제한은 양수(초)여야 합니다",
    "error.public_mode": "{env}={chosen}: {modes} 중 하나를 고르세요",
    "error.dask_needs_solutions": "Dask 클러스터에서 채점하려면 조교용 체크아웃(solutions/ 포함)이 필요합니다",
    "error.mismatch_version": "{field} {theirs}을(를) 실행합니다 (이 컴퓨터는 {ours})",
    "error.mismatch_reference": "solutions/{path}이(가) {other}와(과) 다릅니다",
    "error.mismatch_this_machine": "이 컴퓨터",
    "error.mismatch_coordinator": "조정자",
    "error.no_worker_joined": "{seconds}초 안에 연결된 작업자가 없습니다",
    "rubric.in_file": "{path}: {error}",
    "rubric.unreadable": "채점 기준 {path}을(를) 읽을 수 없습니다: {why}",
    "rubric.no_cases": "채점 대상 이름 {name}에 테스트 케이스가 없습니다",
    "rubric.compare": "{name}: compare {compare}에 returns {returns}에 없는 값이 있습니다",
    "rubric.manual_not_list": "`manual`은 표의 배열([[manual]])이어야 합니다",
    "rubric.manual_item": "[[manual]] 항목에는 이름(name)과 설명(description)이 있어야 합니다: {table}",
    "rubric.manual_name": "[[manual]] {name}: 이미 쓰인 이름이거나 '/'가 들어 있습니다",
    "rubric.manual_points": "[[manual]] {name}: points는 양수여야 합니다 ({points}이(가) 아니라)",
    "rubric.no_mistakes": "흔한 실수 모듈 {path}이(가) 없습니다",
    "rubric.combine": "[combine]에는 how = \"best_of\" 또는 \"both\"와 groups 표가 있어야 합니다: {table}",
    "rubric.combine_unknown": "[combine]의 groups에 채점 대상이 아닌 이름 {names}이(가) 있습니다",
    "rubric.module_names": "`{field}`은(는) 모듈 이름의 목록이어야 합니다: {names}",
    "rubric.no_public_reference": "공개 참조 구현 {path}이(가) 없습니다",
    "rubric.needs_public_reference": "{names}을(를) solutions/ 없이 채점하려면 `public_reference`가 필요합니다",
    "rubric.other_lock": "잠금 파일 {path}은(는) {name}이(가) 아니라 {found}의 잠금 파일입니다",
    "isolation.bubblewrap": "bubblewrap: 읽기 전용 시스템 보기, 전용 /tmp, 작업 폴더만 쓰기 가능",
    "isolation.network": "네트워크 네임스페이스: 네트워크 없음",
    "isolation.pid": "PID 네임스페이스: 채점이 끝나면 남는 프로세스 없음",
    "isolation.uid": "권한 없는 전용 uid",
    "isolation.cgroup": ("컨트롤 그룹: 메모리 {memory} MiB (공유 메모리와 /tmp 파일 포함), 프로세스 {processes}개"),
    "isolation.limits": "제한: 메모리 {memory} MiB, CPU {cpu}초, 파일 {files} MiB, 열린 파일 {open_files}개",
    "isolation.limits_uid": ("제한: 메모리 {memory} MiB, CPU {cpu}초, 파일 {files} MiB, 열린 파일 {open_files}개, "
                             "프로세스 {processes}개"),
    "isolation.wall_clock": "채점기가 실제 경과 시간 제한을 강제함",
    "isolation.output": "셀마다 출력 {output} MiB까지",
    "isolation.disk": "작업 폴더: 최대 {disk} MiB, 메모리 안의 전용 파일 시스템",
    "isolation.cpu": "컨트롤 그룹: 커널의 모든 프로세스를 합쳐 CPU {cpus}개까지",
    "rubric.lock_format": "잠금 파일 {path}의 형식은 {got}인데, 이 채점기는 형식 {expected}을(를) 읽습니다",
    "rubric.lock_unreadable": "잠금 파일 {path}을(를) 읽을 수 없습니다: {why}",
    "rubric.no_reference": "참조 구현 {path}이(가) 없습니다",
    "rubric.reference_lacks": "참조 구현 {path}에 {name}이(가) 정의되어 있지 않습니다",
    "rubric.reference_returns": "참조 구현 {who}이(가) 값을 {expected}개가 아니라 {got}개 돌려주었습니다",
    "error.kernel_start": "채점용 커널을 시작할 수 없었습니다: {why}",
    "error.warm_start": "미리 띄워 둔 커널 프로세스가 시작되지 않았습니다 (종료 코드 {code})",
}

MESSAGES = MESSAGES | I18N

# 검사 계획 단계의 조교용 오류 (grader/checks, cases, rubric, student_dist): 채점 기준이나 참조 구현의 잘못
RUBRIC = {
    "rubric.unknown_kind": "알 수 없는 검사 종류 {kind}입니다. 알려진 종류: {known}",
    "rubric.unknown_array_kind": "알 수 없는 배열 종류 {kind}입니다 (normal, distinct, linspace 또는 integers)",
    "rubric.manual_note": "[[manual]] {name}: note는 \"model_comments\"여야 합니다 ({note}이(가) 아니라)",
    "rubric.integer_bounds": "{where}: `integer`는 lo <= hi인 정수 [lo, hi]여야 합니다 ({bounds}이(가) 아니라)",
    "rubric.not_whole": "참조 구현 {call}이(가) 정수가 아닌 {value}을(를) 냈습니다",
    "rubric.no_draw_fit": "{where}: {tries}번 뽑는 동안 들어맞는 인자가 하나도 나오지 않았습니다",
    "rubric.no_draw_unfit": "{where}: {tries}번 뽑는 동안 들어맞지 않는 인자가 하나도 나오지 않았습니다",
    "rubric.not_in_args": "{where}: {names}은(는) args {args}에 없습니다",
    "rubric.formula_no_cases": "{name}: 공식(formula) 검사에는 테스트 케이스가 있어야 합니다",
    "rubric.shaped_like": "{where}: 입력의 모양을 {like}에서 가져오라고 하지만, 그런 이름은 없습니다",
    "rubric.no_argument": "{name}: 인자 {missing}에 줄 값이 없습니다",
    "rubric.forward_unknown": "{name}: forward {forward}은(는) 채점 대상 이름이 아닙니다",
    "rubric.ties": "{name}: ties = {ties}입니다. {known} 중 하나여야 합니다",
    "rubric.keras_unknown": "알 수 없는 Keras 검사 {name}입니다 ({known})",
    "rubric.lock_kind": "{name}: 잠금 파일로는 {kind} 검사를 판정할 수 없습니다",
    "rubric.lock_layer_count": "{check}: 참조 구현은 클래스가 {classes}개일 때 층의 개수가 다릅니다",
    "rubric.lock_classes": "{key}이(가) 클래스 수에 따라 잠금 파일이 담을 수 없는 방식으로 바뀝니다",
    "rubric.markdown_answers": "{path}: {function}()은(는) {{층: {{항목: 값}}}}을 반환해야 합니다",
    "rubric.markdown_expected": "{assignment}: 마크다운 검사에는 `expected = FUNCTION`이 필요합니다",
    "rubric.markdown_layers": "{name}: `layers` {layers}이(가) 참조 구현의 {known}과(와) 다릅니다",
    "rubric.reference_failed": "참조 구현 {model}({classes})이(가) 실패했습니다: {why}",
    "rubric.model_lacks": "{assignment}: [model]에 {missing}이(가) 없습니다",
    "rubric.model_unknown": "알 수 없는 모델 검사 {name}입니다 (param_count, output_shape, layers, forward)",
    "rubric.variable_values": "{path}: {function}()은(는) 이름 -> 값 사전(dict)을 반환해야 합니다",
    "rubric.variable_expected": "{assignment}: 변수 검사에는 `[variable] expected = NAME`이 필요합니다",
    "rubric.variable_missing": "{function}()이(가) {name}의 값을 주지 않습니다",
    "rubric.public_disagrees": "공개 참조 구현 {public}이(가) {check}에서 {full}과(와) 다릅니다 (시드 {seed})",
    "rubric.public_disagrees_on": "공개 참조 구현 {public}이(가) {check}에서 {full}과(와) 다릅니다 ({name}, 시드 {seed})",
}

MESSAGES |= RUBRIC

# `grade validate`: 단계마다 한 줄, --lang의 언어로
VALIDATE = {
    "validate.line": "{mark}  {step}: {detail}",
    "validate.mark_ok": "통과",
    "validate.mark_fail": "실패",
    "validate.step.rubric": "채점 기준",
    "validate.step.references": "참조 구현",
    "validate.step.reproducible": "재현성",
    "validate.step.fresh": "새로 뽑히는 숨은 케이스",
    "validate.step.fixed": "고정된 공개 케이스",
    "validate.step.reference_notebook": "참조 노트북",
    "validate.step.template": "템플릿",
    "validate.rubric": "{name}: 채점 대상 이름 {count}개, {points:g}점",
    "validate.planned": "검사 {count}개를 계획했습니다",
    "validate.no_checks": "{names}에 대한 검사가 없습니다",
    "validate.reproducible": "같은 시드는 같은 케이스를 냅니다",
    "validate.not_reproducible": "같은 시드가 다른 케이스를 냈습니다",
    "validate.fresh": "숨은 케이스 {count}개가 시드에 따라 바뀝니다",
    "validate.not_fresh": "시드가 바뀌어도 그대로인 숨은 케이스가 있습니다",
    "validate.fixed": "공개 케이스는 시드와 관계없이 같습니다",
    "validate.not_fixed": "시드에 따라 바뀌는 공개 케이스가 있습니다",
    "validate.no_file": "{path}이(가) 없습니다",
    "validate.notebook": "{file}: {detail} (기대값 {want:g})",
}

MESSAGES |= VALIDATE

# 제출된 노트북을 읽을 수 없는 이유 (grader/notebook.py, discover.py): 학생이 읽습니다
READ = {
    "read.empty": "파일이 비어 있습니다",
    "read.not_json": "파일이 올바른 JSON이 아닙니다 ({why})",
    "read.not_notebook": "파일은 JSON이지만 노트북이 아닙니다 (nbformat이 없는 {type})",
    "read.nbformat": "nbformat이 이 노트북을 읽을 수 없습니다 ({why})",
    "read.no_cells": "노트북에 셀 목록이 없습니다",
    "read.changed": "채점 중에 파일이 바뀌었습니다. 다시 채점하세요",
    "read.unreadable": "파일을 읽을 수 없습니다 ({why})",
}

MESSAGES |= READ

# grade review와 grade similar의 사용법 오류
USAGE = {
    "error.review_needs_solutions": "grade review는 조교용입니다: 조교용 체크아웃(solutions/ 포함)이 필요합니다",
    "error.port": "--port는 0에서 65535 사이여야 합니다 ({port}이(가) 아니라)",
    "error.cannot_listen": "{host}:{port}에서 연결을 받을 수 없습니다: {why}",
    "error.template_not_notebook": "--template에는 노트북(.ipynb)을 주세요 ({path}이(가) 아니라)",
    "error.threshold": "--similarity-threshold는 0보다 크고 1 이하여야 합니다 ({value}이(가) 아니라)",
    "error.not_results": "{path}은(는) 채점기가 쓴 results.json이 아닙니다 ({why})",
}

MESSAGES |= USAGE

# Gradescope의 results.json (grader/export.py): 학생이 거기서 읽는 문장, 채점한 언어로
EXPORT = {
    "export.likely": "예상되는 실수: {hint}",
    "export.not_graded": "노트북을 채점할 수 없습니다: {message}",
    "export.reviewed_by": "{by}이(가) 검토함",
    "export.reviewed_by_auto": "{by}이(가) 검토함 (자동 채점 점수: {auto:g})",
    "export.by_hand": "{name} (조교가 직접 채점)",
    "export.not_reviewed": "아직 검토하지 않음",
    "export.adjustment": "조교 조정",
}

MESSAGES |= EXPORT

# 한 노트북에서 난 채점기 버그 (grader/batch.py): 다음 실행에서 다시 채점합니다
MESSAGES |= {"infra.internal": "채점기 내부 오류입니다 ({what}). 이 오류를 알려 주세요"}

# 채점기가 모르는 종류의 probe 보고 (grader/compare.py)
MESSAGES |= {"reason.probe_reported": "probe가 {kind}을(를) 보고했습니다"}

# 학생용 wheel 만들기 (python -m grader.student_dist, `make student-dist`): 조교용
DIST = {
    "dist.staff_file": "{name}: 조교용 파일입니다",
    "dist.secret_line": "{name}: solutions/ 또는 examples/의 줄 {line}이(가) 들어 있습니다",
    "dist.leaks": "학생용 wheel을 남기지 않았습니다. 들어 있는 것:\n{problems}",
    "dist.pip_failed": "pip wheel이 실패했습니다:\n{output}",
    "dist.failed": "student-dist: {message}",
    "dist.built": "{wheel}을(를) 만들었습니다",
}

MESSAGES |= DIST

# 찾은 파일을 채점하지 않는 이유, 압축 파일 안의 노트북을 읽을 수 없는 이유 (grader/discover.py,
# archive.py, layout_io.py): results.json에는 영어로, 페이지에는 페이지의 언어로
REASONS = {
    "skip.not_notebook": "노트북이 아닙니다",
    "skip.not_regular": "일반 파일이 아닙니다",
    "skip.archive_link": "압축 파일 안에 저장된 심볼릭 링크입니다: 링크는 따라가지 않습니다",
    "skip.link": "심볼릭 링크입니다 ({target}을(를) 가리킴): 링크는 따라가지 않습니다",
    "skip.gradescope_metadata": "Gradescope의 제출 메타데이터입니다 (이름과 시간을 읽었고, 채점하지 않음)",
    "skip.nbgrader_time": "nbgrader의 제출 시간입니다 (읽었고, 채점하지 않음)",
    "archive.unreadable": "읽을 수 있는 zip 압축 파일이 아닙니다 ({why})",
    "archive.members": "압축 파일의 항목이 {count}개로 {most}개보다 많아서 풀지 않습니다",
    "archive.inflated": "압축 파일의 노트북을 모두 풀면 {size}바이트로 {most}바이트보다 커서 풀지 않습니다",
    "archive.too_large": "노트북이 {size}바이트로 {most}바이트보다 큽니다",
    "archive.member": "압축 파일의 항목을 풀 수 없습니다 ({why})",
    "archive.more_than": "노트북이 {most}바이트보다 큽니다",
}

MESSAGES |= REASONS

# grade review: 더 새로운 결정을 덮어쓸 조교의 저장 (grader/errors.py StaleReview)
MESSAGES |= {
    "error.stale_review": ("페이지를 연 뒤에 {by}이(가) 이 항목을 바꿨습니다 (현재 버전 {version}). 바꾼 내용은 "
                           "저장하지 않았고, 페이지에는 그 조교의 결정이 보입니다"),
    "error.stale_review_withdrawn": ("페이지를 연 뒤에 다른 조교가 이 항목을 바꿨습니다 (현재 버전 {version}). 바꾼 "
                                     "내용은 저장하지 않았고, 페이지에는 그 조교의 결정이 보입니다"),
}

# 커널이 쓴 것을 받지 않는 이유 (grader/readback.py, probe.py): "unsafe" 메시지의 일부
UNSAFE = {
    "unsafe.folder": "{file}을(를) 폴더로 안전하게 열 수 없습니다 ({why})",
    "unsafe.not_written": "{file}이(가) 쓰이지 않았습니다",
    "unsafe.cannot_open": "{file}을(를) 안전하게 열 수 없습니다 ({why})",
    "unsafe.not_regular": "{file}은(는) 일반 파일이 아닙니다",
    "unsafe.too_big": "{file}은(는) {size}바이트로 {most}바이트보다 큽니다",
    "unsafe.not_json": "{file}은(는) 올바른 JSON이 아닙니다 ({why})",
    "unsafe.not_npy": "{file}은(는) 올바른 .npy 파일이 아닙니다 ({why})",
    "unsafe.dtype": "{file}에는 일반 숫자가 아닌 dtype {dtype}이(가) 들어 있습니다",
    "unsafe.declares": "{file}이(가) {dtype}의 모양 {shape}({kib} KiB)을(를) 선언해 예상보다 훨씬 커서 읽지 않았습니다",
    "unsafe.unreadable": "{file}을(를) 읽을 수 없었습니다 ({why})",
    "unsafe.not_plain": "{file}이(가) 일반 배열로 읽히지 않았습니다",
    "unsafe.response": "response.json이 harness가 쓰는 형식이 아닙니다",
}

MESSAGES |= UNSAFE

# `grade` 명령줄에 대한 argparse 자체의 거절 (grader/usage.py)
ARGPARSE = {
    "argparse.argument": "인자 {name}: {problem}",
    "argparse.invalid_value": "올바른 {type} 값이 아닙니다: {value}",
    "argparse.invalid_choice": "고를 수 없는 값입니다: {value} ({choices} 중에서 고르세요)",
    "argparse.expected_one": "값이 하나 있어야 합니다",
    "argparse.expected_at_most_one": "값은 하나까지만 줄 수 있습니다",
    "argparse.expected_at_least_one": "값이 하나 이상 있어야 합니다",
    "argparse.required": "다음 인자가 필요합니다: {names}",
    "argparse.one_required": "인자 {names} 중 하나가 필요합니다",
    "argparse.unrecognized": "알 수 없는 인자입니다: {names}",
    "argparse.not_allowed": "인자 {name}과(와) 함께 쓸 수 없습니다",
    "argparse.ignored": "명시한 인자 {value}을(를) 무시했습니다",
    "argparse.ambiguous": "옵션 {option}이(가) 여러 옵션과 맞을 수 있습니다: {matches}",
}

MESSAGES |= ARGPARSE

# 반 대시보드 (templates/index.html.j2): 조교가 읽는 문장
DASHBOARD = {
    "dash.page_title": "cnn-grader · 제출물 {count}개",
    "dash.heading": "반 대시보드",
    "dash.note": "학생 {students}명의 노트북 {notebooks}개, cnn-grader {version}.",
    "dash.for_lms": "LMS로 가져갈 점수:",
    "dash.everything": "전체 결과:",
    "dash.submission": "제출물 {count}개",
    "dash.submissions": "제출물 {count}개",
    "dash.errors": "{count}개는 채점할 수 없었음 (0점으로 계산)",
    "dash.stats": "{points}점 만점에 평균 {mean}, 중앙값 {median}; 만점 제출물 {full}개.",
    "dash.histogram_label": "{name}의 점수 분포",
    "dash.histogram_caption": "점수 분포 ({points}점 만점에 대한 비율)",
    "dash.check": "검사",
    "dash.passed": "통과",
    "dash.pass_rate": "통과율",
    "dash.failures": "가장 흔한 실패",
    "dash.checks": "검사",
    "dash.times": "횟수",
    "dash.students": "학생 수",
    "dash.example": "메시지 (예시 하나)",
    "dash.students_heading": "학생",
    "dash.total": "합계",
}

MESSAGES |= DASHBOARD

# `grade`의 모든 명령의 도움말 (grader/usage.py, cli.py, review/server.py, similarity/command.py)
HELP = {
    "help.usage": "사용법: ",
    "help.positionals": "위치 인자",
    "help.options": "옵션",
    "help.help": "이 도움말을 보이고 끝냅니다",
    "help.version": "프로그램 버전을 보이고 끝냅니다",
    "help.grade": "CNN 과제 노트북을 채점합니다.",
    "help.validate": "과제 폴더를 점검합니다.",
    "help.review": "브라우저에서 점수를 검토하고 바꿉니다.",
    "help.similar": "반 전체의 제출물에서 서로 비슷한 것을 찾습니다.",
    "help.paths": "노트북, 노트북이 든 폴더(깊이 상관없음), 또는 .zip",
    "help.out": "출력 폴더 (기본값: reports/)",
    "help.seed": "출력 폴더의 비밀값(secret.key)을 대신하는 비밀 숫자: 이 숫자로 채점한 모든 폴더에서 숨은 케이스가 같습니다. 비밀번호처럼 지키세요",
    "help.assignment": "메타데이터로도 파일 이름으로도 과제를 알 수 없는 노트북의 과제",
    "help.workers": "동시에 돌릴 커널 수 (기본값: 코어 수)",
    "help.scheduler": "로컬 프로세스 대신, 스케줄러가 ADDRESS(tcp://HOST:PORT)에 있는 Dask 클러스터에서 채점합니다",
    "help.regrade": "성적부에 이미 있는 노트북까지 모두 다시 채점합니다",
    "help.gradescope": "제출물마다 gradescope/<student>/<assignment>/results.json도 씁니다",
    "help.cell_timeout": "노트북 셀 하나에 주는 시간, 초 (기본값: 채점 기준의 값)",
    "help.call_timeout": "채점 호출 하나에 주는 시간, 초 (기본값: 채점 기준의 값)",
    "help.isolation": "커널의 격리 수준 (기본값: 쓸 수 있는 가장 강한 수준)",
    "help.allow_weak": "bubblewrap을 쓸 수 없는 곳에서도 여러 노트북을 채점합니다",
    "help.memory": "커널 하나의 메모리 제한, GiB (기본값 4)",
    "help.open": "보고서(또는 대시보드)를 브라우저로 엽니다",
    "help.lang": "메시지, 힌트, 보고서의 언어 (기본값: 로캘이 한국어면 ko, 아니면 en)",
    "help.layout": "제출물의 LMS 배치 (기본값: 파일을 보고 알아냄)",
    "help.roster": "반 명단 (id,name,email[,login,github,sid]): grades.csv가 이 순서를 따릅니다",
    "help.course": "마감, 지각 규정, 어느 제출물을 셀지",
    "help.lms_gradebook": "채워 넣을 Canvas 또는 Moodle 성적부 내보내기 파일 (OUT에 씀)",
    "help.template": "유사도: 텍스트를 빼고 비교할 템플릿 노트북 (여러 번 줄 수 있음; 과제 자체의 템플릿은 늘 뺌)",
    "help.base": "유사도: 빼고 표시할 공개 자료 (.py/.ipynb 파일 또는 폴더)",
    "help.threshold": "유사도: 유사도가 S(0~1) 이상인 쌍이 묶음을 이룹니다 (기본값 {threshold})",
    "help.folder": "rubric.toml이 든 과제 폴더",
    "help.validate_isolation": "커널의 격리 수준",
    "help.validate_lang": "출력 줄의 언어 (기본값: 로캘이 한국어면 ko, 아니면 en)",
    "help.similar_lang": "페이지의 언어",
    "help.review_out": "`grade`의 출력 폴더 (gradebook.sqlite가 든 폴더)",
    "help.port": "127.0.0.1의 포트 (기본값: 비어 있는 포트)",
    "help.ta": "결정마다 함께 남길 이름 (페이지에서 입력해도 됨)",
    "help.review_lang": "페이지의 언어",
}

MESSAGES |= HELP

# 학생이 반환한 값을 커널 쪽 harness가 묘사한 말 (kernel_side/harness.py; grader/compare.py)
MESSAGES |= {
    "got.values": "값 {count}개짜리 {type}",
    "got.shape": "모양이 {shape}인 {type}",
    "got.value": "{type} 값 {text}",
}

# 제출 시각을 알려 준 출처 (grader/course.py TIME_SOURCES): submissions.csv에는 영어로, 페이지에는 페이지의 언어로
MESSAGES |= {
    "source.gradescope": "Gradescope의 created_at",
    "source.nbgrader": "nbgrader의 timestamp.txt",
    "source.canvas": "Canvas의 지각 표시",
    "source.layout": "LMS 배치의 메타데이터",
    "source.archive": "압축 파일 항목의 시각",
    "source.file": "파일의 시각",
    "source.unknown": "알 수 없음",
}

# hostile class input (grader/course.py, roster.py, lms.py, report.py): values that would give wrong grades
MESSAGES |= {
    "course.bad_percent": "{file}: [late] {name}은(는) 0에서 100 사이의 퍼센트여야 합니다 ({got}이(가) 아니라)",
    "course.bad_duration": "{file}: [late] {name}은(는) 0 이상의 수여야 합니다 ({got}이(가) 아니라)",
}

# the output folder cannot be written (read-only, disk full): grader/cli.py, grader/store.py
MESSAGES |= {
    "error.cannot_write": ("{file}을(를) 쓰거나 읽을 수 없습니다 ({why}). 채점한 결과는 성적부에 남아 있으니 공간을 비우거나 "
                           "다른 --out을 골라 같은 명령을 다시 실행하세요"),
    "error.gradebook_write": ("성적부 {path}에 쓸 수 없습니다 ({why}). 앞서 채점한 결과는 남아 있으니 공간을 비운 뒤 "
                              "같은 명령을 다시 실행하세요"),
}

# course.toml naming an assignment the grader does not have (grader/classrun.py)
MESSAGES |= {
    "course.unknown_assignment": "{file}: [assignments.{name}]은(는) 이 채점기에 없는 과제입니다 (있는 과제: {known})",
}

# a zip holding one name twice (grader/discover.py)
MESSAGES |= {
    "skip.replaced": "같은 이름의 앞선 항목입니다: 압축 파일의 나중 항목을 채점합니다",
}

# a zip inside a student's zip inside an archive (grader/discover.py)
MESSAGES |= {
    "skip.nested_deep": "압축 파일 안의 압축 파일 안에 든 zip입니다: 열지 않습니다 (풀어서 그 폴더를 채점하세요)",
}

# the gradebook cannot be opened though it is one (grader/store.py): never advise deleting it
MESSAGES |= {
    "error.gradebook_busy": ("성적부 {path}을(를) 다른 프로그램이 쓰고 있습니다 ({why}). 끝날 때까지 기다리거나 그 프로그램을 "
                             "닫은 뒤 같은 명령을 다시 실행하세요. 성적부는 바뀌지 않았습니다"),
    "error.gradebook_open": "성적부 {path}을(를) 열 수 없습니다 ({why}). 성적부는 바뀌지 않았습니다",
}

# a damaged gradebook (grader/store.py)
MESSAGES |= {
    "error.gradebook_damaged": ("성적부 {path}이(가) 손상되었습니다 ({why}). 다른 곳으로 옮겨 두고(sqlite3의 .recover로 조교의 "
                                "결정을 살릴 수 있습니다) 같은 명령을 다시 실행하세요. 모든 노트북을 새로 채점합니다"),
}

# lateness resting on file modification times only (grader/classbook.py)
MESSAGES |= {
    "course.file_times": ("제출물 {count}개는 파일의 수정 시각으로만 늦었습니다. 시각을 보존하지 않고 복사하면(cp -r, 동기화 "
                          "도구) 이 시각이 바뀝니다: 성적을 올리기 전에 submissions.csv의 time_source를 확인하세요"),
}

# an Excel workbook given where a CSV file is read (grader/roster.py, grader/lms.py)
MESSAGES |= {
    "roster.excel": "{file}은(는) CSV가 아니라 Excel 통합 문서입니다: Excel에서 \"CSV UTF-8\"로 저장한 파일을 주세요",
}

# a file found under two of the paths given to `grade` (grader/discover.py)
MESSAGES |= {
    "skip.twice": "두 번 찾았습니다: {path}(으)로 채점합니다",
}

# an LMS gradebook row whose keys name two students (grader/lms.py)
MESSAGES |= {
    "lms.two_students": "{file} {line}행({row})이(가) 두 학생({students})과 맞습니다. 그 행은 그대로 둡니다",
}

# course.toml tables that are not tables, and settings it does not have (grader/course.py)
MESSAGES |= {
    "course.not_table": "{file}: [{table}]은(는) 표여야 합니다 ([{table}] 머리글 아래에 설정을 쓰세요). {got!r}이(가) 아닙니다",
    "course.unknown_key": "{file}: {table}에는 {setting} 설정이 없습니다 (있는 설정: {known})",
}

# --layout asked for a layout a root does not follow (grader/discover.py)
MESSAGES |= {
    "layout.not_followed": ("{path}은(는) --layout으로 지정한 {layout} 형식이 아닙니다 (README의 \"From your LMS\" 참고). "
                            "LMS가 내보낸 폴더를 주거나 --layout을 빼세요"),
}

# a gradebook made by a newer grader (grader/store.py): never advise deleting it
MESSAGES |= {
    "error.gradebook_newer": ("성적부 {path}은(는) 더 새 채점기가 만들었습니다 (성적부 형식 {version}, 이 채점기는 {expected}). "
                              "그 버전으로 채점하세요. 성적부는 바뀌지 않았습니다"),
}

# the grader's own words on a student's cell (grader/execute.py CELL_KEYS; results.json keeps them in English)
MESSAGES |= {
    "cell.broken_messaging": "이 셀 이후 커널의 메시지를 읽을 수 없습니다 ({detail}). json, zmq 또는 커널 자체의 함수를 바꾸었나요?",
    "cell.output_limit.cell": "셀의 출력 한도보다 많이 출력했습니다",
    "cell.output_limit.notebook": "노트북의 출력 한도보다 많이 출력했습니다",
    "cell.output_limit.message": "어떤 출력도 넘을 수 없는 크기의 출력 메시지를 하나 보냈습니다 (받지 않았습니다)",
    "cell.memory_limit": "커널 자체의 한도인 {limit} MiB보다 많은 메모리를 사용했습니다 (공유 메모리와 /tmp 파일 포함). 커널을 중지했습니다",
    "cell.notebook_timeout": "노트북의 시간 제한에 도달했습니다",
    "cell.status.ok": "정상",
    "cell.status.error": "오류",
    "cell.status.timeout": "시간 초과",
    "cell.status.died": "커널 종료",
    "cell.status.output_limit": "출력 한도 초과",
    "cell.status.skipped": "건너뜀",
}
